/**
 * Who gains and loses what: each principal's effective access before the plan (the live org)
 * and after it, counting grants held through teams (a team's role appears under each member).
 * A principal is anyone who holds access: a user (by email) or a system account (by name), with
 * the same memberships and grants; inside this module each is one string, kind and key joined.
 */
import { identity } from '../diff/access.js';
import { displayEntity, indexEntities } from '../resolve.js';
import type { LiveGrant, LiveState } from '../live.js';
import { grantText } from './describe.js';
import type { Access, AccessChange, Change, Plan, PlanGrant, Principal } from './types.js';

const SEP = '\u0000';
const principalId = (kind: Principal['kind'], key: string) => `${kind}${SEP}${key}`;
function principalOf(id: string): Principal {
  const [kind, key] = id.split(SEP) as [Principal['kind'], string];
  return { kind, key };
}

interface Holdings {
  /** team name → member principals */
  members: Map<string, Set<string>>;
  /** team name → grants by identity */
  teamGrants: Map<string, Map<string, Omit<PlanGrant, 'id'>>>;
  /** principal → its own grants by identity */
  userGrants: Map<string, Map<string, Omit<PlanGrant, 'id'>>>;
}

export function accessChanges(plan: Plan, live: LiveState): AccessChange[] {
  if (plan.changes.length === 0) return [];
  const members = liveMembers(live);
  const who = touched(plan.changes, members);
  const before = liveHoldings(live, members, who);
  const after = applyChanges(before, plan.changes);
  const whose = (op: Change['op']) => new Set(plan.changes.filter((c) => c.op === op && (c.kind === 'user' || c.kind === 'system-account')).map(subject));
  const invited = whose('create');
  const removed = whose('delete');
  const teamsBefore = teamsOf(before.members, who);
  const teamsAfter = teamsOf(after.members, who);
  const out: AccessChange[] = [];
  // Users first, then system accounts; each sorted by key.
  for (const p of [...who].sort()) {
    const was = effective(before, teamsBefore, p);
    const will = effective(after, teamsAfter, p);
    const gained = [...will].filter(([k]) => !was.has(k)).map(([, a]) => a);
    const lost = [...was].filter(([k]) => !will.has(k)).map(([, a]) => a);
    if (gained.length + lost.length === 0) continue;
    const status = invited.has(p) ? 'invited' : removed.has(p) ? 'removed' : undefined;
    out.push({ principal: principalOf(p), ...(status ? { status } : {}), gained, lost });
  }
  return out.sort((a, b) => (a.principal.kind === b.principal.kind ? 0 : a.principal.kind === 'user' ? -1 : 1));
}

/** "member of Platform", "Admin on Control Planes prod (us), through Platform". */
export function accessText(a: Access): string {
  if (a.kind === 'team') return `member of ${a.team}`;
  const teams = a.via.filter((v) => v.startsWith('team:')).map((v) => v.slice(5));
  const how = a.via.includes('direct') ? (teams.length ? `, directly and through ${teams.join(', ')}` : '') : `, through ${teams.join(', ')}`;
  return `${grantText(a.grant)}${how}`;
}

/** The principal a change is about: its user or its system account. */
function subject(c: Change): string {
  return c.system_account ? principalId('system-account', c.system_account.name) : principalId('user', c.user?.email ?? '');
}

/**
 * Who the plan can change anything for: the subject of each change, and every live member of a
 * team whose grants change or that goes. (Anyone who joins a team is the subject of that change.)
 * Anyone else's access is the same on both sides, so a small plan over a large org costs little.
 */
function touched(changes: readonly Change[], members: Holdings['members']): Set<string> {
  const out = new Set<string>();
  for (const c of changes) {
    if (c.user || c.system_account) out.add(subject(c));
    const team = c.team?.name;
    if (team === undefined || (c.kind !== 'team' && c.kind !== 'team-role')) continue;
    for (const who of members.get(team) ?? []) out.add(who);
  }
  return out;
}

function effective(h: Holdings, teams: ReadonlyMap<string, readonly string[]>, who: string): Map<string, Access> {
  const out = new Map<string, Access>();
  const addGrant = (id: string, grant: Omit<PlanGrant, 'id'>, via: string) => {
    const had = out.get(`grant ${id}`);
    if (had?.kind === 'grant') had.via.push(via);
    else out.set(`grant ${id}`, { kind: 'grant', grant, via: [via] });
  };
  for (const [id, g] of h.userGrants.get(who) ?? []) addGrant(id, g, 'direct');
  for (const team of teams.get(who) ?? []) {
    out.set(`team ${team}`, { kind: 'team', team });
    for (const [id, g] of h.teamGrants.get(team) ?? []) addGrant(id, g, `team:${team}`);
  }
  return out;
}

/**
 * principal → the teams it is a member of, sorted by name, for the `touched` principals only.
 * accessChanges builds one per side of the plan: one pass over the teams, not one per principal.
 */
export function teamsOf(members: ReadonlyMap<string, ReadonlySet<string>>, touched: ReadonlySet<string>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [team, held] of [...members].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const who of held) if (touched.has(who)) (index.get(who) ?? index.set(who, []).get(who)!).push(team);
  }
  return index;
}

/** team name → its members (users and system accounts), for the teams in scope. */
function liveMembers(live: LiveState): Holdings['members'] {
  const userOf = new Map(live.users.map((u) => [u.id, principalId('user', u.email)]));
  const accounts = live.systemAccounts ?? [];
  const members: Holdings['members'] = new Map();
  for (const t of live.teams.filter((x) => x.inScope)) {
    const accountMembers = accounts.filter((a) => a.teamIds.includes(t.id)).map((a) => principalId('system-account', a.name));
    members.set(t.name, new Set([...t.memberIds.map((id) => userOf.get(id)).filter((e): e is string => !!e), ...accountMembers]));
  }
  return members;
}

/** What the live org holds; each principal's own grants only for those in `who` (the rest are never looked at). */
function liveHoldings(live: LiveState, members: Holdings['members'], who: ReadonlySet<string>): Holdings {
  const entities = indexEntities(live.entities);
  const shown = (g: LiveGrant): Omit<PlanGrant, 'id'> => ({
    role: g.role, entity_type: g.entityType, entity: displayEntity(g.entityType, g.entityId, g.region, entities), entity_id: g.entityId, region: g.region,
  });
  const byIdentity = (grants: LiveGrant[]) => new Map(grants.map((g) => [identity(shown(g)), shown(g)]));
  const teamGrants = new Map<string, Map<string, Omit<PlanGrant, 'id'>>>();
  for (const t of live.teams.filter((x) => x.inScope)) teamGrants.set(t.name, byIdentity(t.roles));
  const own: [string, LiveGrant[]][] = [
    ...live.users.map((u): [string, LiveGrant[]] => [principalId('user', u.email), u.roles]),
    ...(live.systemAccounts ?? []).map((a): [string, LiveGrant[]] => [principalId('system-account', a.name), a.roles]),
  ].filter(([p]) => who.has(p));
  return {
    members,
    teamGrants,
    userGrants: new Map(own.map(([p, roles]) => [p, byIdentity(roles)])),
  };
}

/** A system account's changes act on its access as a user's do, kind for kind. */
const AS_USER_KIND: Partial<Record<Change['kind'], Change['kind']>> = {
  'system-account': 'user',
  'system-account-membership': 'team-membership',
  'system-account-role': 'user-role',
};

function applyChanges(h: Holdings, changes: readonly Change[]): Holdings {
  // A team's members are copied only when the plan changes them: most teams it leaves alone.
  const members = new Map(h.members);
  const copied = new Set<string>();
  const membersOf = (team: string) => {
    const had = members.get(team);
    if (had && copied.has(team)) return had;
    const own = new Set(had);
    members.set(team, own);
    copied.add(team);
    return own;
  };
  const teamGrants = new Map([...h.teamGrants].map(([k, v]) => [k, new Map(v)]));
  const userGrants = new Map([...h.userGrants].map(([k, v]) => [k, new Map(v)]));
  const grantsOf = (map: typeof userGrants, key: string) => map.get(key) ?? map.set(key, new Map()).get(key)!;
  for (const c of changes) {
    const who = subject(c);
    const team = c.team?.name;
    const { id: _id, ...grant } = c.grant ?? ({} as PlanGrant);
    switch (`${c.op} ${AS_USER_KIND[c.kind] ?? c.kind}`) {
      case 'delete user':
        userGrants.delete(who);
        for (const [t, m] of members) if (m.has(who)) membersOf(t).delete(who);
        break;
      case 'create team': members.set(team!, new Set()); copied.add(team!); break;
      case 'delete team': members.delete(team!); teamGrants.delete(team!); break;
      case 'create team-membership': membersOf(team!).add(who); break;
      case 'delete team-membership': if (members.has(team!)) membersOf(team!).delete(who); break;
      case 'create user-role': grantsOf(userGrants, who).set(identity(grant), grant); break;
      case 'delete user-role': userGrants.get(who)?.delete(identity(grant)); break;
      case 'create team-role': grantsOf(teamGrants, team!).set(identity(grant), grant); break;
      case 'delete team-role': teamGrants.get(team!)?.delete(identity(grant)); break;
      default: break;
    }
  }
  return { members, teamGrants, userGrants };
}
