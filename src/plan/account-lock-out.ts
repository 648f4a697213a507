/**
 * The lock-out guard for a system-account token (`spat_…`): sync never removes the token's own
 * account or the admin access it runs with — membership of Organization Admin, the Identity
 * Admin role held directly, or membership of a team that holds Identity Admin. Each source the
 * account holds now is kept. When orgdeck cannot tell which account the token belongs to
 * (konnect/whoami.ts), any plan that could take such access from some system account is refused.
 */
import type { LiveState, LiveSystemAccount, LiveTeam } from '../live.js';
import { ORG_ADMIN_TEAM } from '../model.js';
import { describeChange } from './describe.js';
import type { Change, Plan } from './types.js';

const isIdentityAdmin = (g: { role: string; entityType?: string; entity_type?: string }) => g.role === 'Admin' && (g.entityType ?? g.entity_type) === 'Identity';

export function systemAccountLockOut(plan: Plan, live: LiveState): string[] {
  const t = live.tokenAccount;
  if (!t) return [];
  const adminTeams = new Set(live.teams.filter((team) => team.name === ORG_ADMIN_TEAM && team.system).map((team) => team.id));
  const identityTeams = new Set(live.teams.filter((team) => team.roles.some(isIdentityAdmin)).map((team) => team.id));
  const takes = t.account ? takesFrom(t.account, adminTeams, identityTeams) : takesFromAny(live, adminTeams, identityTeams);
  const risky = plan.changes.filter(takes);
  if (risky.length === 0) return [];
  const list = risky.map(describeChange).join('; ');
  if (t.account) {
    return [`The plan takes admin access from system account "${t.account.name}", whose token orgdeck is using (${t.how}): ${list}. orgdeck never locks itself out; keep that access in the file.`];
  }
  return [`orgdeck cannot tell which system account its token belongs to (${t.how}), and the plan takes admin access that could be the token's own: ${list}. Name the token's account with --konnect-system-account NAME (or KONNECT_SYSTEM_ACCOUNT) and run again.`];
}

/** Changes that remove a source of admin access `account` holds now. */
function takesFrom(account: LiveSystemAccount, adminTeams: Set<string>, identityTeams: Set<string>): (c: Change) => boolean {
  const inTeam = (id: string | undefined) => id !== undefined && account.teamIds.includes(id);
  return (c) => {
    if (c.op !== 'delete') return false;
    const mine = c.system_account?.id === account.id;
    switch (c.kind) {
      case 'system-account': return mine;
      case 'system-account-membership': return mine && (adminTeams.has(c.team?.id ?? '') || identityTeams.has(c.team?.id ?? ''));
      case 'system-account-role': return mine && isIdentityAdmin(c.grant!);
      case 'team': return inTeam(c.team?.id) && identityTeams.has(c.team!.id!);
      case 'team-role': return inTeam(c.team?.id) && isIdentityAdmin(c.grant!);
      default: return false;
    }
  };
}

/** Not knowing the token's account: changes that remove admin access from any system account. */
function takesFromAny(live: LiveState, adminTeams: Set<string>, identityTeams: Set<string>): (c: Change) => boolean {
  const accounts = live.systemAccounts;
  // Unread accounts (not managed) might sit in any team: assume they do.
  const hasAccounts = (team: LiveTeam | undefined) => !accounts || accounts.some((a) => team && a.teamIds.includes(team.id));
  const team = (id: string | undefined) => live.teams.find((x) => x.id === id);
  return (c) => {
    if (c.op !== 'delete') return false;
    switch (c.kind) {
      case 'system-account': return true;
      case 'system-account-membership': return adminTeams.has(c.team?.id ?? '') || identityTeams.has(c.team?.id ?? '');
      case 'system-account-role': return isIdentityAdmin(c.grant!);
      case 'team': return identityTeams.has(c.team?.id ?? '') && hasAccounts(team(c.team?.id));
      case 'team-role': return isIdentityAdmin(c.grant!) && hasAccounts(team(c.team?.id));
      default: return false;
    }
  };
}
