/**
 * The lock-out guard: orgdeck never takes away the access its own token relies on, and never
 * leaves the org without an active Organization Admin. Never overridable.
 *
 * The token runs as a principal. Today that is a user (`GET /v3/users/me`); a system account
 * is a principal too, so the rules below ask "what does the principal hold" and not "what does
 * the user hold". The principal relies on Organization Admin membership when it has it, and on
 * the Identity Admin role (held directly or through a custom team) otherwise. Additions in the
 * plan do not count: an addition can fail while a removal goes through.
 */
import type { LiveGrant, LiveState, LiveTeam } from '../live.js';
import { ORG_ADMIN_TEAM } from '../model.js';
import type { Change, Plan } from './types.js';

/** Who the token acts as. */
export interface Principal {
  kind: 'user';
  id: string;
  /** How messages name it: the user's email. */
  name: string;
}

export function tokenPrincipal(live: LiveState): Principal {
  return { kind: 'user', id: live.me.id, name: live.me.email };
}

/** A path by which the principal holds admin access now, and the change that would end it. */
interface Path {
  what: string;
  endedBy: Change | undefined;
}

export function lockOut(plan: Plan, live: LiveState): string[] {
  const me = tokenPrincipal(live);
  const deletes = plan.changes.filter((c) => c.op === 'delete');
  const selfDeleted = deletes.find((c) => c.kind === 'user' && c.user?.id === me.id);
  const reasons: string[] = [];
  if (selfDeleted) {
    reasons.push(`The plan deletes ${me.name}, the user whose token orgdeck is using; orgdeck never locks itself out. List ${me.name} in the file.`);
  } else {
    reasons.push(...keepsOwnAccess(me, deletes, live));
  }
  reasons.push(...keepsAnAdmin(plan, live));
  return reasons;
}

function keepsOwnAccess(me: Principal, deletes: Change[], live: LiveState): string[] {
  const adminTeam = live.teams.find((t) => t.system && t.name === ORG_ADMIN_TEAM);
  if (adminTeam?.memberIds.includes(me.id)) {
    const leaving = deletes.find((c) => c.kind === 'team-membership' && c.team?.id === adminTeam.id && c.user?.id === me.id);
    if (!leaving) return [];
    return [`The plan removes ${me.name}, the user whose token orgdeck is using, from ${ORG_ADMIN_TEAM}; orgdeck never locks itself out. Keep ${ORG_ADMIN_TEAM} in their teams.`];
  }
  const paths = identityAdminPaths(me, deletes, live);
  if (paths.length === 0 || paths.some((p) => !p.endedBy)) return [];
  const how = paths.map((p) => `${p.what} (${describeEnd(p.endedBy!)})`).join('; ');
  return [`The plan takes the Identity Admin role away from ${me.name}, the user whose token orgdeck is using, who is not in ${ORG_ADMIN_TEAM}: ${how}. orgdeck never locks itself out; keep the role in the file (add a new way to hold it in one run, remove the old one in the next).`];
}

/** Every way the principal holds Identity Admin now: directly, or through a custom team it belongs to. */
function identityAdminPaths(me: Principal, deletes: Change[], live: LiveState): Path[] {
  const user = live.users.find((u) => u.id === me.id);
  const paths: Path[] = (user?.roles ?? []).filter(isIdentityAdmin).map((g) => ({
    what: 'held directly',
    endedBy: deletes.find((c) => c.kind === 'user-role' && c.grant?.id === g.id),
  }));
  for (const team of live.teams.filter((t) => !t.system && t.memberIds.includes(me.id))) {
    for (const g of team.roles.filter(isIdentityAdmin)) {
      paths.push({ what: `through team ${team.name}`, endedBy: endOfTeamPath(team, g, me, deletes) });
    }
  }
  return paths;
}

function endOfTeamPath(team: LiveTeam, g: LiveGrant, me: Principal, deletes: Change[]): Change | undefined {
  return deletes.find(
    (c) =>
      (c.kind === 'team' && c.team?.id === team.id) ||
      (c.kind === 'team-membership' && c.team?.id === team.id && c.user?.id === me.id) ||
      (c.kind === 'team-role' && c.grant?.id === g.id),
  );
}

function isIdentityAdmin(g: LiveGrant): boolean {
  return g.entityType === 'Identity' && g.role === 'Admin';
}

function describeEnd(c: Change): string {
  if (c.kind === 'team') return `the plan deletes team ${c.key}`;
  if (c.kind === 'team-membership') return `the plan removes them from team ${c.team?.name}`;
  return 'the plan revokes it';
}

function keepsAnAdmin(plan: Plan, live: LiveState): string[] {
  const adminTeam = live.teams.find((t) => t.system && t.name === ORG_ADMIN_TEAM);
  if (!adminTeam) return [];
  const leaving = new Set(
    plan.changes
      .filter((c) => c.op === 'delete' && (c.kind === 'user' || (c.kind === 'team-membership' && c.team?.id === adminTeam.id)))
      .map((c) => c.user?.email),
  );
  const byId = new Map(live.users.map((u) => [u.id, u]));
  const activeAdminsAfter = adminTeam.memberIds.map((id) => byId.get(id)).filter((u) => u?.active && !leaving.has(u.email));
  const joining = plan.changes.filter((c) => c.op === 'create' && c.kind === 'team-membership' && c.team?.name === ORG_ADMIN_TEAM && live.users.some((u) => u.email === c.user?.email && u.active));
  if (activeAdminsAfter.length + joining.length > 0) return [];
  return [`The plan would leave no active member in ${ORG_ADMIN_TEAM}, and nobody could administer the organization. Keep at least one active user in ${ORG_ADMIN_TEAM}.`];
}
