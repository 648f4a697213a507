/**
 * Who gains and loses what: each principal's effective access before the plan (the live org)
 * and after it, counting grants held through teams (a team's role appears under each member).
 * A principal is anyone who holds access; today users, identified by email. System accounts
 * join as another `kind` of principal with the same memberships and grants.
 */
import { displayEntity } from '../diff/resolve.js';
import type { LiveGrant, LiveState } from '../live.js';
import { grantText } from './describe.js';
import type { Change, Plan, PlanGrant } from './types.js';

export interface Principal {
  kind: 'user';
  /** email for users */
  key: string;
}

/** One piece of access: membership of a team, or a role (with every way it is held). */
export type Access = { kind: 'team'; team: string } | { kind: 'grant'; grant: Omit<PlanGrant, 'id'>; via: string[] };

export interface AccessChange {
  principal: Principal;
  /** invited by this plan / removed from the organization by it */
  status?: 'invited' | 'removed';
  gained: Access[];
  lost: Access[];
}

interface Holdings {
  /** team name → member emails */
  members: Map<string, Set<string>>;
  /** team name → grants by identity */
  teamGrants: Map<string, Map<string, Omit<PlanGrant, 'id'>>>;
  /** email → grants by identity */
  userGrants: Map<string, Map<string, Omit<PlanGrant, 'id'>>>;
  people: Set<string>;
}

export function accessChanges(plan: Plan, live: LiveState): AccessChange[] {
  const before = liveHoldings(live);
  const after = applyChanges(before, plan.changes);
  const invited = new Set(plan.changes.filter((c) => c.op === 'create' && c.kind === 'user').map((c) => c.user!.email));
  const removed = new Set(plan.changes.filter((c) => c.op === 'delete' && c.kind === 'user').map((c) => c.user!.email));
  const out: AccessChange[] = [];
  for (const email of [...new Set([...before.people, ...after.people])].sort()) {
    const was = effective(before, email);
    const will = effective(after, email);
    const gained = [...will].filter(([k]) => !was.has(k)).map(([, a]) => a);
    const lost = [...was].filter(([k]) => !will.has(k)).map(([, a]) => a);
    if (gained.length + lost.length === 0) continue;
    const status = invited.has(email) ? 'invited' : removed.has(email) ? 'removed' : undefined;
    out.push({ principal: { kind: 'user', key: email }, ...(status ? { status } : {}), gained, lost });
  }
  return out;
}

/** "member of Platform", "Admin on Control Planes prod (us), through Platform". */
export function accessText(a: Access): string {
  if (a.kind === 'team') return `member of ${a.team}`;
  const teams = a.via.filter((v) => v.startsWith('team:')).map((v) => v.slice(5));
  const how = a.via.includes('direct') ? (teams.length ? `, directly and through ${teams.join(', ')}` : '') : `, through ${teams.join(', ')}`;
  return `${grantText(a.grant)}${how}`;
}

function effective(h: Holdings, email: string): Map<string, Access> {
  const out = new Map<string, Access>();
  const addGrant = (id: string, grant: Omit<PlanGrant, 'id'>, via: string) => {
    const had = out.get(`grant ${id}`);
    if (had?.kind === 'grant') had.via.push(via);
    else out.set(`grant ${id}`, { kind: 'grant', grant, via: [via] });
  };
  for (const [id, g] of h.userGrants.get(email) ?? []) addGrant(id, g, 'direct');
  for (const [team, members] of [...h.members].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!members.has(email)) continue;
    out.set(`team ${team}`, { kind: 'team', team });
    for (const [id, g] of h.teamGrants.get(team) ?? []) addGrant(id, g, `team:${team}`);
  }
  return out;
}

function liveHoldings(live: LiveState): Holdings {
  const emailOf = new Map(live.users.map((u) => [u.id, u.email]));
  const shown = (g: LiveGrant): Omit<PlanGrant, 'id'> => ({
    role: g.role, entity_type: g.entityType, entity: displayEntity(g.entityType, g.entityId, g.region, live.entities), entity_id: g.entityId, region: g.region,
  });
  const byIdentity = (grants: LiveGrant[]) => new Map(grants.map((g) => [identity(shown(g)), shown(g)]));
  const members = new Map<string, Set<string>>();
  const teamGrants = new Map<string, Map<string, Omit<PlanGrant, 'id'>>>();
  for (const t of live.teams.filter((x) => x.inScope)) {
    members.set(t.name, new Set(t.memberIds.map((id) => emailOf.get(id)).filter((e): e is string => !!e)));
    teamGrants.set(t.name, byIdentity(t.roles));
  }
  return {
    members,
    teamGrants,
    userGrants: new Map(live.users.map((u) => [u.email, byIdentity(u.roles)])),
    people: new Set(live.users.map((u) => u.email)),
  };
}

function applyChanges(h: Holdings, changes: readonly Change[]): Holdings {
  const members = new Map([...h.members].map(([k, v]) => [k, new Set(v)]));
  const teamGrants = new Map([...h.teamGrants].map(([k, v]) => [k, new Map(v)]));
  const userGrants = new Map([...h.userGrants].map(([k, v]) => [k, new Map(v)]));
  const people = new Set(h.people);
  const grantsOf = (map: typeof userGrants, key: string) => map.get(key) ?? map.set(key, new Map()).get(key)!;
  for (const c of changes) {
    const email = c.user?.email;
    const team = c.team?.name;
    const { id: _id, ...grant } = c.grant ?? ({} as PlanGrant);
    switch (`${c.op} ${c.kind}`) {
      case 'create user': people.add(email!); break;
      case 'delete user':
        people.delete(email!);
        userGrants.delete(email!);
        for (const m of members.values()) m.delete(email!);
        break;
      case 'create team': members.set(team!, new Set()); break;
      case 'delete team': members.delete(team!); teamGrants.delete(team!); break;
      case 'create team-membership': (members.get(team!) ?? members.set(team!, new Set()).get(team!)!).add(email!); break;
      case 'delete team-membership': members.get(team!)?.delete(email!); break;
      case 'create user-role': grantsOf(userGrants, email!).set(identity(grant), grant); break;
      case 'delete user-role': userGrants.get(email!)?.delete(identity(grant)); break;
      case 'create team-role': grantsOf(teamGrants, team!).set(identity(grant), grant); break;
      case 'delete team-role': teamGrants.get(team!)?.delete(identity(grant)); break;
      default: break;
    }
  }
  return { members, teamGrants, userGrants, people };
}

function identity(g: Pick<PlanGrant, 'role' | 'entity_type' | 'entity_id' | 'region'>): string {
  return [g.role, g.entity_type, g.entity_id, g.region.toLowerCase()].join('\u0000');
}
