/** Who holds what: team memberships and role grants, as kinds of their own with composite keys. */
import type { LiveGrant, LiveTeam } from '../live.js';
import type { Grant } from '../model.js';
import { type Change, changeId, type PlanGrant } from '../plan/types.js';
import { type DiffContext, userInScope } from './context.js';
import { displayEntity, resolveGrant } from './resolve.js';

export function diffMemberships(ctx: DiffContext): void {
  const wanted = new Map<string, { team: string; email: string }>();
  for (const u of ctx.desired.users) {
    for (const team of u.teams) wanted.set(`${team}/${u.email}`, { team, email: u.email });
  }
  const teamsInScope = [...ctx.systemTeams.values(), ...ctx.managedTeams.values()];
  const held = new Map<string, { team: LiveTeam; userId: string; email: string }>();
  for (const team of teamsInScope) {
    for (const userId of team.memberIds) {
      const user = ctx.liveUsersById.get(userId);
      if (user && userInScope(ctx, user.email)) held.set(`${team.name}/${user.email}`, { team, userId, email: user.email });
    }
  }
  for (const [key, m] of wanted) {
    if (held.has(key)) continue;
    const liveTeam = ctx.managedTeams.get(m.team) ?? ctx.systemTeams.get(m.team);
    if (!liveTeam && !ctx.desired.teams.some((t) => t.name === m.team)) {
      ctx.problems.push(`${m.email}: team "${m.team}" is not declared in the file and Konnect has no predefined team of that name.`);
      continue;
    }
    const user = ctx.liveUsers.get(m.email);
    ctx.changes.push(withDeps({
      op: 'create', kind: 'team-membership', key,
      user: { email: m.email, ...(user ? { id: user.id } : {}) },
      team: { name: m.team, ...(liveTeam ? { id: liveTeam.id } : {}) },
    }, !user, !liveTeam));
  }
  for (const [key, m] of held) {
    if (wanted.has(key) || ctx.deletedUsers.has(m.email) || ctx.deletedTeams.has(m.team.name)) continue;
    ctx.changes.push({ op: 'delete', kind: 'team-membership', key, user: { email: m.email, id: m.userId }, team: { name: m.team.name, id: m.team.id } });
  }
}

export function diffGrants(ctx: DiffContext): void {
  for (const u of ctx.desired.users) {
    const live = ctx.liveUsers.get(u.email);
    diffHolder(ctx, 'user-role', u.email, u.roles, live?.roles ?? [], (c) => withDeps({ ...c, user: { email: u.email, ...(live ? { id: live.id } : {}) } }, !live, false));
  }
  for (const t of ctx.desired.teams) {
    const live = ctx.managedTeams.get(t.name);
    diffHolder(ctx, 'team-role', t.name, t.roles, live?.roles ?? [], (c) => withDeps({ ...c, team: { name: t.name, ...(live ? { id: live.id } : {}) } }, false, !live));
  }
}

type Partial = Pick<Change, 'op' | 'kind' | 'key' | 'grant'>;

function diffHolder(ctx: DiffContext, kind: 'user-role' | 'team-role', holder: string, desired: Grant[], live: LiveGrant[], finish: (c: Partial) => Change): void {
  const wanted = new Map<string, PlanGrant>();
  for (const g of desired) {
    const r = resolveGrant(g, ctx.live.entities, holder);
    if (!r.ok) ctx.problems.push(r.problem);
    else wanted.set(identity(r.grant), r.grant);
  }
  const held = new Map(live.map((g) => [identity({ role: g.role, entity_type: g.entityType, entity_id: g.entityId, region: g.region }), g]));
  for (const [id, g] of wanted) {
    if (!held.has(id)) ctx.changes.push(finish({ op: 'create', kind, key: grantKey(holder, g), grant: g }));
  }
  for (const [id, g] of held) {
    if (wanted.has(id)) continue;
    const entity = displayEntity(g.entityType, g.entityId, g.region, ctx.live.entities);
    const grant: PlanGrant = { role: g.role, entity_type: g.entityType, entity, entity_id: g.entityId, region: g.region, id: g.id };
    ctx.changes.push(finish({ op: 'delete', kind, key: grantKey(holder, grant), grant }));
  }
}

/** Konnect's identity of an assignment (KCTL uses the same): how desired and live grants are matched. */
export function identity(g: Pick<PlanGrant, 'role' | 'entity_type' | 'entity_id' | 'region'>): string {
  return [g.role, g.entity_type, g.entity_id, g.region.toLowerCase()].join('\u0000');
}

export function grantKey(holder: string, g: Pick<PlanGrant, 'role' | 'entity_type' | 'entity' | 'region'>): string {
  return `${holder}/${g.role}/${g.entity_type}/${g.entity}/${g.region}`;
}

/** A change on someone orgdeck is about to invite, or a team it is about to create, waits for that. */
function withDeps(c: Change, newUser: boolean, newTeam: boolean): Change {
  if (c.op !== 'create') return c;
  const deps: string[] = [];
  if (newUser && c.user) deps.push(changeId({ op: 'create', kind: 'user', key: c.user.email }));
  if (newTeam && c.team) deps.push(changeId({ op: 'create', kind: 'team', key: c.team.name }));
  return deps.length ? { ...c, depends_on: deps } : c;
}
