/**
 * The mass-deletion guard: a plan may not take away more than a share of any kind of access in
 * scope (25% by default) once more than a few (3) would go. Memberships and grants that go with
 * a deleted team or user count like those removed by name. Pure.
 */
import type { LiveState } from '../live.js';
import { DEFAULT_DELETION_LIMITS, type DeletionLimits } from '../model.js';
import { type AccessLoss, measureAccessLoss, type Removed, totalRemoved } from './access-loss.js';
import { measureAccountLoss } from './account-loss.js';
import type { Plan } from './types.js';

interface Row {
  what: string;
  deleting: number;
  total: number;
  how?: string;
}

/** One sentence per kind over the limit: the counts, the percentage, the limit, who loses access, the way out. */
export function massDeletion(plan: Plan, live: LiveState, limits: DeletionLimits = DEFAULT_DELETION_LIMITS): string[] {
  // Nothing deleted, nothing taken away: no need to count what the organization holds.
  if (!plan.changes.some((c) => c.op === 'delete')) return [];
  const loss = measureAccessLoss(plan, live);
  const deleting = (kind: string) => plan.changes.filter((c) => c.op === 'delete' && c.kind === kind).length;
  const accounts = measureAccountLoss(plan, live);
  const rows: Row[] = [
    { what: 'users', deleting: deleting('user'), total: live.userTotal ?? live.users.length },
    { what: 'teams', deleting: deleting('team'), total: live.teams.filter((t) => t.inScope && !t.system).length },
    { what: 'system accounts', deleting: accounts.accounts.deleting, total: accounts.accounts.live },
    { what: 'system account memberships', deleting: accounts.memberships.deleting, total: accounts.memberships.live },
    { what: 'system account grants', deleting: accounts.grants.deleting, total: accounts.grants.live },
    { what: 'team memberships', deleting: totalRemoved(loss.memberships), total: loss.memberships.live, how: how(loss.memberships) },
    { what: 'grants', deleting: totalRemoved(loss.grants), total: loss.grants.live, how: how(loss.grants) },
  ];
  const over = (n: number, total: number) => n > limits.alwaysAllowed && total > 0 && (n / total) * 100 > limits.maxPercent;
  const reasons = rows
    .filter((r) => over(r.deleting, r.total))
    .map((r) => `The plan deletes ${r.deleting} of ${r.total} ${r.what} (${percent(r.deleting, r.total)}${r.how ?? ''}), ${limitText(limits)}. ${whoLoses(loss)} ${WAY_OUT}`);
  const stranded = loss.strandedInOrg.length;
  if (over(stranded, loss.holdingAccess)) {
    reasons.push(`The plan leaves ${stranded} of the ${loss.holdingAccess} people who have access now with none while they stay in the organization (${percent(stranded, loss.holdingAccess)}), ${limitText(limits)}: ${sample(loss.strandedInOrg)}. ${WAY_OUT}`);
  }
  return reasons;
}

const WAY_OUT = 'Check the file (unlisted_users, a missing file or team?) and re-run with --force if this is intended.';

function limitText(limits: DeletionLimits): string {
  return `over the ${limits.maxPercent}% limit for mass deletion (more than ${limits.alwaysAllowed}; _info.guards sets both)`;
}

function percent(n: number, total: number): string {
  return `${((n / total) * 100).toFixed(1)}%`;
}

/** "4 directly, 182 with deleted teams": only when something goes along with a team or user. */
function how(r: Removed): string | undefined {
  if (r.withTeams === 0 && r.withUsers === 0) return undefined;
  const parts = [
    r.direct ? `${r.direct} directly` : '',
    r.withTeams ? `${r.withTeams} with deleted teams` : '',
    r.withUsers ? `${r.withUsers} with deleted users` : '',
  ].filter(Boolean);
  return `: ${parts.join(', ')}`;
}

function whoLoses(loss: AccessLoss): string {
  const n = loss.losing.length;
  return `${n} ${n === 1 ? 'person' : 'people'} would lose access, ${loss.losingAll.length} of them all of it.`;
}

function sample(emails: readonly string[]): string {
  const shown = emails.slice(0, 5).join(', ');
  return emails.length > 5 ? `${shown} and ${emails.length - 5} more` : shown;
}
