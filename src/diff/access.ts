/**
 * Who holds what: team memberships and role grants, as kinds of their own with composite keys.
 * Users and system accounts are both principals (principals.ts): one diff of memberships and
 * one of grants serves both, and only the kinds and the change's reference differ.
 */
import type { LiveGrant } from '../live.js';
import type { Grant } from '../model.js';
import { type Change, changeId, type PlanGrant } from '../plan/types.js';
import type { DiffContext } from './context.js';
import { type PrincipalSet, principalSets } from './principals.js';
import { displayEntity, resolveGrant } from './resolve.js';

export function diffMemberships(ctx: DiffContext): void {
  for (const set of principalSets(ctx)) diffMembershipsOf(ctx, set);
}

function diffMembershipsOf(ctx: DiffContext, set: PrincipalSet): void {
  const wanted = new Map<string, { team: string; key: string }>();
  for (const p of set.desired) {
    for (const team of p.teams) wanted.set(`${team}/${p.key}`, { team, key: p.key });
  }
  const teamsInScope = [...ctx.systemTeams.values(), ...ctx.managedTeams.values()];
  type Held = { team: (typeof teamsInScope)[number]; id: string; key: string };
  // Per team, then per principal (the order deletions are listed in before sorting), without a
  // pass over every principal for every team.
  const byTeam = new Map(teamsInScope.map((team) => [team.id, { team, rows: [] as Held[] }]));
  for (const p of set.live.values()) {
    if (!set.inScope(p.key)) continue;
    for (const id of new Set(p.teamIds)) {
      const t = byTeam.get(id);
      t?.rows.push({ team: t.team, id: p.id, key: p.key });
    }
  }
  const held = new Map<string, Held>();
  for (const { rows } of byTeam.values()) for (const m of rows) held.set(`${m.team.name}/${m.key}`, m);
  for (const [key, m] of wanted) {
    if (held.has(key)) continue;
    const liveTeam = ctx.managedTeams.get(m.team) ?? ctx.systemTeams.get(m.team);
    if (!liveTeam && !ctx.desired.teams.some((t) => t.name === m.team)) {
      ctx.problems.push(`${set.label(m.key)}: team "${m.team}" is not declared in the file and Konnect has no predefined team of that name.`);
      continue;
    }
    const live = set.live.get(m.key);
    set.sink.push(withDeps({
      op: 'create', kind: set.membershipKind, key,
      ...set.ref(m.key, live?.id),
      team: { name: m.team, ...(liveTeam ? { id: liveTeam.id } : {}) },
    }, live ? undefined : set.createId(m.key), !liveTeam));
  }
  for (const [key, m] of held) {
    if (wanted.has(key) || set.deleted.has(m.key) || ctx.deletedTeams.has(m.team.name)) continue;
    set.sink.push({ op: 'delete', kind: set.membershipKind, key, ...set.ref(m.key, m.id), team: { name: m.team.name, id: m.team.id } });
  }
}

export function diffGrants(ctx: DiffContext): void {
  for (const set of principalSets(ctx)) {
    for (const p of set.desired) {
      const live = set.live.get(p.key);
      diffHolder(ctx, set.sink, set.roleKind, p.key, p.roles, live?.roles ?? [], (c) => withDeps({ ...c, ...set.ref(p.key, live?.id) }, live ? undefined : set.createId(p.key), false));
    }
  }
  for (const t of ctx.desired.teams) {
    const live = ctx.managedTeams.get(t.name);
    diffHolder(ctx, ctx.changes, 'team-role', t.name, t.roles, live?.roles ?? [], (c) => withDeps({ ...c, team: { name: t.name, ...(live ? { id: live.id } : {}) } }, undefined, !live));
  }
}

type Partial = Pick<Change, 'op' | 'kind' | 'key' | 'grant'>;

function diffHolder(ctx: DiffContext, sink: Change[], kind: Change['kind'], holder: string, desired: Grant[], live: LiveGrant[], finish: (c: Partial) => Change): void {
  const wanted = new Map<string, PlanGrant>();
  for (const g of desired) {
    const r = resolveGrant(g, ctx.live.entities, holder);
    if (!r.ok) ctx.problems.push(r.problem);
    else wanted.set(identity(r.grant), r.grant);
  }
  const held = new Map(live.map((g) => [identity({ role: g.role, entity_type: g.entityType, entity_id: g.entityId, region: g.region }), g]));
  for (const [id, g] of wanted) {
    if (!held.has(id)) sink.push(finish({ op: 'create', kind, key: grantKey(holder, g), grant: g }));
  }
  for (const [id, g] of held) {
    if (wanted.has(id)) continue;
    const entity = displayEntity(g.entityType, g.entityId, g.region, ctx.live.entities);
    const grant: PlanGrant = { role: g.role, entity_type: g.entityType, entity, entity_id: g.entityId, region: g.region, id: g.id };
    sink.push(finish({ op: 'delete', kind, key: grantKey(holder, grant), grant }));
  }
}

/** Konnect's identity of an assignment (KCTL uses the same): how desired and live grants are matched. */
export function identity(g: Pick<PlanGrant, 'role' | 'entity_type' | 'entity_id' | 'region'>): string {
  return `${g.role}\u0000${g.entity_type}\u0000${g.entity_id}\u0000${g.region.toLowerCase()}`;
}

export function grantKey(holder: string, g: Pick<PlanGrant, 'role' | 'entity_type' | 'entity' | 'region'>): string {
  return `${holder}/${g.role}/${g.entity_type}/${g.entity}/${g.region}`;
}

/** A change on a principal this plan creates (invites), or on a team it creates, waits for that. */
function withDeps(c: Change, createsPrincipal: string | undefined, newTeam: boolean): Change {
  if (c.op !== 'create') return c;
  const deps: string[] = [];
  if (createsPrincipal) deps.push(createsPrincipal);
  if (newTeam && c.team) deps.push(changeId({ op: 'create', kind: 'team', key: c.team.name }));
  return deps.length ? { ...c, depends_on: deps } : c;
}
