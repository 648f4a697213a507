/**
 * Who holds what: team memberships and role grants, as kinds of their own with composite keys.
 * Users and system accounts are both principals (principals.ts): one diff of memberships and
 * one of grants serves both, and only the kinds and the change's reference differ.
 */
import type { LiveGrant } from '../live.js';
import type { Grant } from '../model.js';
import { type Change, changeId, type PlanGrant } from '../change.js';
import type { DiffContext } from './context.js';
import type { PrincipalSet } from './principals.js';
import { displayEntity, resolveGrant } from '../resolve.js';
import { expiredAt, expiredReason, membershipExpiry } from './expired.js';

export function diffMemberships(ctx: DiffContext, principals: readonly PrincipalSet[]): void {
  for (const set of principals) diffMembershipsOf(ctx, set);
}

function diffMembershipsOf(ctx: DiffContext, set: PrincipalSet): void {
  const teamsOf = heldTeams(ctx);
  const keyOf = uniqueKeys(ctx, set);
  const expiredOf = (p: PrincipalSet['desired'][number]) => p.teams.filter((team) => expiredAt(membershipExpiry(p, team), ctx.now));
  for (const p of set.desired) {
    const live = set.live.get(p.key);
    const held = live && set.inScope(p.key) ? teamsOf(live.teamIds) : [];
    const expired = expiredOf(p);
    p.teams.forEach((team, i) => {
      // An expired membership is never made; one live holds is removed below, with its reason.
      if (p.teams.indexOf(team) !== i || held.some((t) => t.name === team) || expired.includes(team)) return;
      const liveTeam = ctx.managedTeams.get(team) ?? ctx.systemTeams.get(team);
      if (!liveTeam && !ctx.desired.teams.some((t) => t.name === team)) {
        ctx.problems.push(`${set.label(p.key)}: team "${team}" is not declared in the file and Konnect has no predefined team of that name.`);
        return;
      }
      const key = keyOf('create', team, p.key);
      if (key === undefined) return;
      set.sink.push(withDeps({
        op: 'create', kind: set.membershipKind, key,
        ...set.ref(p.key, live?.id),
        team: { name: team, ...(liveTeam ? { id: liveTeam.id } : {}) },
      }, live ? undefined : set.createId(p.key), !liveTeam));
    });
  }
  const wanted = new Map(set.desired.map((p) => [p.key, p]));
  for (const p of set.live.values()) {
    if (!set.inScope(p.key) || set.deleted.has(p.key)) continue;
    const desired = wanted.get(p.key);
    const expired = desired ? expiredOf(desired) : [];
    for (const team of teamsOf(p.teamIds)) {
      const gone = expired.includes(team.name);
      if ((desired?.teams.includes(team.name) && !gone) || ctx.deletedTeams.has(team.name)) continue;
      const key = keyOf('delete', team.name, p.key);
      const reason = gone ? { reason: expiredReason(membershipExpiry(desired!, team.name)!) } : {};
      if (key !== undefined) set.sink.push({ op: 'delete', kind: set.membershipKind, key, ...set.ref(p.key, p.id), team: { name: team.name, id: team.id }, ...reason });
    }
  }
}

/**
 * A membership's key, "team/principal", or undefined when another membership of the plan has it:
 * with a "/" in a team name and in an email, two memberships can (team "a" of "b/c@x.com", team
 * "a/b" of "c@x.com"), and a plan cannot hold two changes of one id. That is a problem to fix in
 * the file, not a change to lose.
 */
function uniqueKeys(ctx: DiffContext, set: PrincipalSet): (op: 'create' | 'delete', team: string, principal: string) => string | undefined {
  const taken = new Map<string, string>();
  return (op, team, principal) => {
    const key = `${team}/${principal}`;
    const had = taken.get(`${op} ${key}`);
    const who = `team "${team}" of ${set.label(principal)}`;
    if (had === undefined) {
      taken.set(`${op} ${key}`, who);
      return key;
    }
    ctx.problems.push(`${who} and ${had} would both be the membership "${key}"; orgdeck cannot tell them apart. Rename the team whose name has a "/".`);
    return undefined;
  };
}

/**
 * The teams orgdeck sees (predefined and managed ones) among a principal's, each name once: a
 * membership is named by its team's name. Of a predefined and a custom team with one name, the
 * custom team is the one reported.
 */
function heldTeams(ctx: DiffContext): (teamIds: readonly string[]) => { name: string; id: string }[] {
  const teams = [...ctx.systemTeams.values(), ...ctx.managedTeams.values()];
  const rank = new Map(teams.map((team, i) => [team.id, i]));
  return (teamIds) => {
    const ranks = teamIds.map((id) => rank.get(id)).filter((i) => i !== undefined);
    const held: { name: string; id: string }[] = [];
    for (const i of ranks.sort((a, b) => b - a)) {
      const team = teams[i]!;
      if (!held.some((t) => t.name === team.name)) held.push(team);
    }
    return held;
  };
}

export function diffGrants(ctx: DiffContext, principals: readonly PrincipalSet[]): void {
  for (const set of principals) {
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

type Partial = Pick<Change, 'op' | 'kind' | 'key' | 'grant' | 'reason'>;

function diffHolder(ctx: DiffContext, sink: Change[], kind: Change['kind'], holder: string, desired: Grant[], live: LiveGrant[], finish: (c: Partial) => Change): void {
  const wanted = new Map<string, PlanGrant>();
  const expired = new Map<string, string>();
  for (const g of desired) {
    const gone = expiredAt(g.expires, ctx.now);
    const r = resolveGrant(g, ctx.entities, holder);
    // An expired grant on an entity since deleted is gone twice over: nothing to resolve.
    if (!r.ok) {
      if (!gone) ctx.problems.push(r.problem);
    } else if (gone) expired.set(identity(r.grant), expiredReason(g.expires!));
    else wanted.set(identity(r.grant), r.grant);
  }
  const held = new Map(live.map((g) => [identity({ role: g.role, entity_type: g.entityType, entity_id: g.entityId, region: g.region }), g]));
  for (const [id, g] of wanted) {
    if (!held.has(id)) sink.push(finish({ op: 'create', kind, key: grantKey(holder, g), grant: g }));
  }
  for (const [id, g] of held) {
    if (wanted.has(id)) continue;
    const entity = displayEntity(g.entityType, g.entityId, g.region, ctx.entities);
    const grant: PlanGrant = { role: g.role, entity_type: g.entityType, entity, entity_id: g.entityId, region: g.region, id: g.id };
    const reason = expired.get(id);
    sink.push(finish({ op: 'delete', kind, key: grantKey(holder, grant), grant, ...(reason ? { reason } : {}) }));
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
