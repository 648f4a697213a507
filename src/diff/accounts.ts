/**
 * System accounts themselves: create (Konnect requires a description), update the description,
 * delete the unlisted (unless unlisted_system_accounts: ignore). Accounts Konnect manages are
 * never planned: what the file asks of them is counted in a note instead.
 */
import type { PlanNote } from '../change.js';
import { plural } from '../text/plural.js';
import type { DiffContext } from './context.js';

export const KONNECT_MANAGED_TOPIC = 'konnect-managed';

export function diffSystemAccounts(ctx: DiffContext): void {
  const desired = ctx.desired.systemAccounts;
  const all = ctx.live.systemAccounts;
  if (!desired || !all) return;
  const konnect = new Map(all.filter((a) => a.konnectManaged).map((a) => [a.name, a]));
  for (const a of desired) {
    const ownLive = konnect.get(a.name);
    if (a.konnectManaged || ownLive) {
      if (ownLive && a.description !== undefined && a.description !== (ownLive.description ?? '')) {
        ctx.leftToKonnect.push({ op: 'update', kind: 'system-account', key: a.name, system_account: { name: a.name } });
      }
      continue;
    }
    const live = ctx.liveAccounts.get(a.name);
    if (!live) {
      if (a.description === undefined) {
        ctx.problems.push(`System account "${a.name}" does not exist in Konnect yet, and Konnect needs a description to create one. Give it a description in the file.`);
        continue;
      }
      ctx.changes.push({ op: 'create', kind: 'system-account', key: a.name, system_account: { name: a.name }, after: { name: a.name, description: a.description } });
      continue;
    }
    const oldName = ctx.renamedAccounts.get(a.name);
    const describe = a.description !== undefined && a.description !== (live.description ?? '');
    if (describe || oldName !== undefined) {
      // A rename is this same update: one PATCH of the account's id carries the name and the description.
      ctx.changes.push({
        op: 'update', kind: 'system-account', key: a.name, system_account: { name: a.name, id: live.id },
        before: { ...(oldName !== undefined ? { name: oldName } : {}), ...(describe ? { description: live.description } : {}) },
        after: { ...(oldName !== undefined ? { name: a.name } : {}), ...(describe ? { description: a.description } : {}) },
      });
    }
  }
  if (ctx.desired.info.unlistedSystemAccounts === 'ignore') return;
  const listed = new Set(desired.map((a) => a.name));
  for (const live of ctx.liveAccounts.values()) {
    if (listed.has(live.name)) continue;
    ctx.deletedAccounts.add(live.name);
    ctx.changes.push({ op: 'delete', kind: 'system-account', key: live.name, system_account: { name: live.name, id: live.id }, before: { name: live.name, description: live.description } });
  }
}

/** The note for what the file asks of Konnect's own accounts, if anything. */
export function konnectManagedNote(ctx: DiffContext): PlanNote[] {
  const n = ctx.leftToKonnect.length;
  if (n === 0) return [];
  const names = [...new Set(ctx.leftToKonnect.map((c) => c.system_account?.name ?? c.key))].sort();
  const message = `${plural(names.length, 'system account')} in the file (${names.join(', ')}) ${names.length === 1 ? 'is' : 'are'} managed by Konnect, so orgdeck leaves ${plural(n, 'difference')} (description, teams or grants) as Konnect has them. Change them in the file to match, or drop the entries.`;
  return [{ topic: KONNECT_MANAGED_TOPIC, count: n, message }];
}
