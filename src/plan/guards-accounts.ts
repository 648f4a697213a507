/**
 * Guards about system accounts that no flag overrides. Konnect's own accounts (konnect_managed)
 * are never changed: diff never plans a change to one, so a plan that has one was edited, and
 * it is refused before anything is sent. Pure.
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
