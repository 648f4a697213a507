/**
 * What a plan takes from system accounts (Konnect's own excepted): accounts deleted, and their
 * memberships and grants, whether removed by name or gone with a deleted team or account. The
 * mass-deletion guard counts them as kinds of their own. Pure.
 */
import type { LiveState } from '../live.js';
import type { Plan } from './types.js';

export interface AccountLoss {
  accounts: { live: number; deleting: number };
  memberships: { live: number; deleting: number };
  grants: { live: number; deleting: number };
}

export function measureAccountLoss(plan: Plan, live: LiveState): AccountLoss {
  const accounts = (live.systemAccounts ?? []).filter((a) => !a.konnectManaged);
  const deletes = plan.changes.filter((c) => c.op === 'delete');
  const ids = (kind: string, id: (c: (typeof deletes)[number]) => string | undefined) => new Set(deletes.filter((c) => c.kind === kind).map(id));
  const goneAccounts = ids('system-account', (c) => c.system_account?.id);
  const goneTeams = ids('team', (c) => c.team?.id);
  const leaving = ids('system-account-membership', (c) => `${c.team?.id}/${c.system_account?.id}`);
  const revoked = ids('system-account-role', (c) => c.grant?.id);
  const inScope = new Set(live.teams.filter((t) => t.inScope).map((t) => t.id));
  const loss: AccountLoss = { accounts: { live: accounts.length, deleting: goneAccounts.size }, memberships: { live: 0, deleting: 0 }, grants: { live: 0, deleting: 0 } };
  for (const a of accounts) {
    const gone = goneAccounts.has(a.id);
    for (const teamId of a.teamIds.filter((id) => inScope.has(id))) {
      loss.memberships.live++;
      if (gone || goneTeams.has(teamId) || leaving.has(`${teamId}/${a.id}`)) loss.memberships.deleting++;
    }
    for (const g of a.roles) {
      loss.grants.live++;
      if (gone || revoked.has(g.id)) loss.grants.deleting++;
    }
  }
  return loss;
}
