/**
 * Guards about system accounts that no flag overrides. Konnect's own accounts (konnect_managed)
 * are never changed: diff never plans a change to one, so a plan that has one was edited, and
 * it is refused before anything is sent. And when the token's account is only named by the
 * operator, no account that may be the token's own is deleted. Pure.
 */
import type { LiveState } from '../live.js';
import { describeChange } from './describe.js';
import type { Plan } from './types.js';

export function konnectManagedChanges(plan: Plan, live: LiveState): string[] {
  const managed = (live.systemAccounts ?? []).filter((a) => a.konnectManaged);
  if (managed.length === 0) return [];
  const byId = new Map(managed.map((a) => [a.id, a]));
  const byName = new Map(managed.map((a) => [a.name, a]));
  const touched = new Map<string, string[]>();
  for (const c of plan.changes) {
    const ref = c.system_account;
    const account = ref && ((ref.id && byId.get(ref.id)) || byName.get(ref.name));
    if (account) touched.set(account.name, [...(touched.get(account.name) ?? []), describeChange(c)]);
  }
  return [...touched].map(([name, changes]) => `The plan changes system account "${name}", which Konnect manages (konnect_managed): ${changes.join('; ')}. orgdeck never changes Konnect's own accounts, and diff never plans it: remove these changes from the plan, or make a new one.`);
}

/**
 * --konnect-system-account named the token's account, and Konnect did not confirm it: a wrong
 * name would leave the real account unprotected. So another account is deleted only when it
 * holds no access token valid now (konnect/fetch-accounts.ts read that), since then it cannot be
 * the token's.
 */
export function mayBeOwnAccount(plan: Plan, live: LiveState): string[] {
  const t = live.tokenAccount;
  if (!t?.named || !t.account) return [];
  const byId = new Map((live.systemAccounts ?? []).map((a) => [a.id, a]));
  const named = t.account;
  return plan.changes
    .filter((c) => c.op === 'delete' && c.kind === 'system-account' && c.system_account?.id !== named.id)
    .filter((c) => byId.get(c.system_account?.id ?? '')?.liveToken !== false)
    .map((c) => {
      const name = c.system_account?.name ?? c.key;
      return `The plan deletes system account "${name}", which may hold the token orgdeck is using: it has an access token valid now (or Konnect would not say), and "${named.name}" is the token's account only by --konnect-system-account, which Konnect does not confirm. orgdeck never deletes an account that may be its own. If "${name}" is not the token's, revoke its access tokens first, then run again.`;
    });
}
