/**
 * What a plan really takes away. Deleting a team ends its memberships and its grants; deleting a
 * user ends theirs. The guards count those along with the memberships and grants the plan removes
 * by name, and say who is left with less access and who with none. Pure.
 */
import type { LiveState, LiveTeam, LiveUser } from '../live.js';
import type { Change, Plan } from './types.js';

/** Removals of one kind: how many exist in scope, how many go, and how. */
export interface Removed {
  live: number;
  /** Removed by a change of that kind. */
  direct: number;
  /** Gone with a deleted team. */
  withTeams: number;
  /** Gone with a deleted user. */
  withUsers: number;
}

export interface AccessLoss {
  memberships: Removed;
  grants: Removed;
  /** Emails of people whose access shrinks (deleted users included). */
  losing: string[];
  /** Of those, the people left with no membership and no grant (deleted users included). */
  losingAll: string[];
  /** People in scope holding any membership or grant now (the base of "left with none"). */
  holdingAccess: number;
  /** losingAll without the deleted users: people who stay in the org with nothing. */
  strandedInOrg: string[];
}

export function totalRemoved(r: Removed): number {
  return r.direct + r.withTeams + r.withUsers;
}

/** Count every membership and grant the plan ends, directly or through a deleted team or user. */
export function measureAccessLoss(plan: Plan, live: LiveState): AccessLoss {
  const deletes = plan.changes.filter((c) => c.op === 'delete');
  const teams = live.teams.filter((t) => t.inScope);
  const deletedTeams = new Set(idsOf(deletes, 'team', (c) => c.team?.id));
  const deletedUsers = new Set(idsOf(deletes, 'user', (c) => c.user?.id));
  const droppedMemberships = new Set(deletes.filter((c) => c.kind === 'team-membership').map((c) => `${c.team?.id}/${c.user?.id}`));
  const revokedGrants = new Set(deletes.filter((c) => c.kind === 'user-role' || c.kind === 'team-role').map((c) => c.grant?.id));

  const memberships: Removed = { live: 0, direct: 0, withTeams: 0, withUsers: 0 };
  const grants: Removed = { live: 0, direct: 0, withTeams: 0, withUsers: 0 };
  /** Per user id: pieces of access held now, and kept after. */
  const access = new Map<string, { held: number; left: number }>();
  /** `held` pieces of access held now, `left` of them kept. */
  const note = (userId: string, held: number, left: number) => {
    const a = access.get(userId);
    if (a) {
      a.held += held;
      a.left += left;
    } else {
      access.set(userId, { held, left });
    }
  };
  const tally = (r: Removed, direct: boolean, team: boolean, user: boolean): boolean => {
    r.live++;
    if (user) r.withUsers++;
    else if (team) r.withTeams++;
    else if (direct) r.direct++;
    return !(direct || team || user);
  };

  const teamKept = (t: LiveTeam) => !deletedTeams.has(t.id);
  for (const t of teams) {
    const teamGone = !teamKept(t);
    const keptTeamGrants = t.roles.filter((g) => tally(grants, revokedGrants.has(g.id), teamGone, false)).length;
    for (const userId of t.memberIds) {
      const dropped = droppedMemberships.size > 0 && droppedMemberships.has(`${t.id}/${userId}`);
      const kept = tally(memberships, dropped, teamGone, deletedUsers.has(userId));
      // A member also holds the team's grants: losing one of them is losing access.
      note(userId, 1 + t.roles.length, kept ? 1 + keptTeamGrants : 0);
    }
  }
  for (const u of live.users) {
    for (const g of u.roles) note(u.id, 1, tally(grants, revokedGrants.has(g.id), false, deletedUsers.has(u.id)) ? 1 : 0);
  }

  const byId = new Map<string, LiveUser>(live.users.map((u) => [u.id, u]));
  // Someone moved from one team to another loses the old membership but is not left with nothing.
  const gaining = new Set(plan.changes.filter((c) => c.op === 'create' && (c.kind === 'team-membership' || c.kind === 'user-role')).map((c) => c.user?.email));
  const losing: string[] = [];
  const losingAll: string[] = [];
  const strandedInOrg: string[] = [];
  for (const u of live.users) {
    const { held, left } = access.get(u.id) ?? { held: 0, left: 0 };
    const deleted = deletedUsers.has(u.id);
    if (!deleted && left === held) continue;
    losing.push(u.email);
    const none = left === 0 && !gaining.has(u.email);
    if (deleted || none) losingAll.push(u.email);
    if (!deleted && none) strandedInOrg.push(u.email);
  }
  const holdingAccess = [...access.entries()].filter(([id, a]) => a.held > 0 && byId.has(id)).length;
  return { memberships, grants, losing, losingAll, holdingAccess, strandedInOrg };
}

function idsOf(changes: Change[], kind: Change['kind'], id: (c: Change) => string | undefined): string[] {
  return changes.filter((c) => c.kind === kind).map(id).filter((x): x is string => x !== undefined);
}
