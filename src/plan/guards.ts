/**
 * Guards: reasons to refuse a plan before anything is sent. Mass deletion can be overridden
 * with --force; locking out the token's own user or leaving the org without an active
 * Organization Admin never can.
 */
import type { LiveState } from '../live.js';
import { ORG_ADMIN_TEAM } from '../model.js';
import type { Kind, Plan } from './types.js';
import { plural } from '../text/plural.js';

export const MASS_DELETE_RATIO = 0.25;
export const MASS_DELETE_MIN_LIVE = 10;

export interface GuardOptions {
  force: boolean;
}

/** A reason sync would not apply a plan: a value, so plans and every rendering can carry it. */
export interface Refusal {
  /** Which guard: a stable name for scripts (`mass-deletion`, `lock-out`, ...). */
  guard: string;
  /** A sentence with the numbers and the way out. */
  message: string;
  /** true when --force overrides it. */
  overridable: boolean;
}

/** Every refusal the plan raises, overridable or not. */
export function findRefusals(plan: Plan, live: LiveState): Refusal[] {
  const as = (guard: string, overridable: boolean) => (message: string): Refusal => ({ guard, message, overridable });
  return [
    ...massDeletion(plan, live).map(as('mass-deletion', true)),
    ...unlistedMembers(plan).map(as('unlisted-members', true)),
    ...lockOut(plan, live).map(as('lock-out', false)),
  ];
}

/** The refusals that stand: with --force, only those that cannot be overridden. */
export function checkGuards(plan: Plan, live: LiveState, opts: GuardOptions): Refusal[] {
  return findRefusals(plan, live).filter((r) => !(opts.force && r.overridable));
}

export function refusalMessages(refusals: readonly Refusal[]): string[] {
  return refusals.map((r) => r.message);
}

/** unlisted_users: ignore promises to leave unlisted people alone; deleting their team would not. */
function unlistedMembers(plan: Plan): string[] {
  return plan.changes
    .filter((c) => c.op === 'delete' && c.kind === 'team' && Array.isArray(c.before?.unlisted_members))
    .map((c) => {
      const who = c.before!.unlisted_members as string[];
      return `The plan deletes team ${c.key}, which also removes ${plural(who.length, 'member')} the file leaves alone (unlisted_users: ignore): ${who.join(', ')}. Declare the team to keep it, or re-run with --force.`;
    });
}

function massDeletion(plan: Plan, live: LiveState): string[] {
  const reasons: string[] = [];
  const inScope = live.teams.filter((t) => t.inScope);
  const counts: [string, Kind[], number][] = [
    ['users', ['user'], live.users.length],
    ['teams', ['team'], inScope.filter((t) => !t.system).length],
    ['team memberships', ['team-membership'], inScope.reduce((n, t) => n + t.memberIds.length, 0)],
    ['grants', ['user-role', 'team-role'], live.users.reduce((n, u) => n + u.roles.length, 0) + inScope.reduce((n, t) => n + t.roles.length, 0)],
  ];
  for (const [what, kinds, total] of counts) {
    const deleting = plan.changes.filter((c) => c.op === 'delete' && kinds.includes(c.kind)).length;
    if (total < MASS_DELETE_MIN_LIVE || deleting / total <= MASS_DELETE_RATIO) continue;
    const pct = ((deleting / total) * 100).toFixed(1);
    reasons.push(`The plan deletes ${deleting} of ${total} ${what} (${pct}%), over the ${MASS_DELETE_RATIO * 100}% limit for mass deletion. Check the file (unlisted_users, a missing file?) and re-run with --force if this is intended.`);
  }
  return reasons;
}

function lockOut(plan: Plan, live: LiveState): string[] {
  const reasons: string[] = [];
  const me = live.me;
  if (plan.changes.some((c) => c.op === 'delete' && c.kind === 'user' && c.user?.email === me.email)) {
    reasons.push(`The plan deletes ${me.email}, the user whose token orgdeck is using; orgdeck never locks itself out. List ${me.email} in the file.`);
  }
  const adminTeam = live.teams.find((t) => t.system && t.name === ORG_ADMIN_TEAM);
  if (!adminTeam) return reasons;
  const leaving = new Set(
    plan.changes
      .filter((c) => c.op === 'delete' && (c.kind === 'user' || (c.kind === 'team-membership' && c.team?.name === ORG_ADMIN_TEAM)))
      .map((c) => c.user?.email),
  );
  const wasAdmin = adminTeam.memberIds.includes(me.id);
  if (wasAdmin && leaving.has(me.email) && !reasons.length) {
    reasons.push(`The plan removes ${me.email}, the user whose token orgdeck is using, from ${ORG_ADMIN_TEAM}; orgdeck never locks itself out. Keep ${ORG_ADMIN_TEAM} in their teams.`);
  }
  const byId = new Map(live.users.map((u) => [u.id, u]));
  const activeAdminsAfter = adminTeam.memberIds
    .map((id) => byId.get(id))
    .filter((u) => u?.active && !leaving.has(u.email));
  const joining = plan.changes.filter((c) => c.op === 'create' && c.kind === 'team-membership' && c.team?.name === ORG_ADMIN_TEAM && live.users.some((u) => u.email === c.user?.email && u.active));
  if (activeAdminsAfter.length + joining.length === 0) {
    reasons.push(`The plan would leave no active member in ${ORG_ADMIN_TEAM}, and nobody could administer the organization. Keep at least one active user in ${ORG_ADMIN_TEAM}.`);
  }
  return reasons;
}
