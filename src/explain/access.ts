/**
 * The access one principal (a person or a system account) holds, and where each comes from:
 * the one reading behind `explain` (one person) and `report` (everyone). Pure.
 *
 * "After sync" follows sync's scope: what orgdeck does not manage (an unlisted principal with
 * `unlisted_users: ignore`, a team outside `select_team_labels`, custom teams when the file has
 * no `teams` key) keeps what it has today. A team membership is an entry of its own, with
 * role, entity type, entity and region null: for predefined teams it is the only trace of the
 * access, since Konnect does not list the roles they carry.
 */
import { NAMED_ENTITY_TYPES } from '../catalogue/roles.js';
import type { LiveGrant, LiveTeam } from '../live.js';
import { type DesiredState, type DesiredTeam, type Expiry, type Grant, type LiveEntity, PREDEFINED_TEAMS } from '../model.js';
import { identity } from '../diff/access.js';
import { expiryInstant } from '../expiry.js';
import { expiredAt, membershipExpiry } from '../diff/expired.js';
import { displayEntity, type EntityIndex, indexEntities, resolveGrant } from '../resolve.js';

export interface AccessEntry {
  role: string | null;
  entity_type: string | null;
  entity: string | null;
  region: string | null;
  /** "direct", or "team:<name>" for a membership and for the grants a team carries. */
  via: string;
  /** Where the state files declare it ("file:line:col"): a grant where it is written, a membership in the user's teams. */
  source: string | null;
  live: boolean;
  desired: boolean;
  /** `expires` as written, when the file gives one; with desired false, it has passed. */
  expires?: string;
}

/** An entry with what explain does not print but the report does. */
export interface HeldAccess {
  entry: AccessEntry;
  /** The entity's id: the live assignment's, or the file's when it is an id or "*"; null when unknown. */
  entityId: string | null;
  /** The team's id, for a membership or a team's grant held today. */
  teamId?: string;
  /** `expires:` as the file writes it, for access the file declares. */
  expires?: Expiry;
  /** The live entity is gone: a live grant on a named entity type whose id the org no longer lists. */
  missingEntity?: boolean;
}

/** What one principal holds and may hold: the file's side and the org's side. */
export interface Principal {
  /** Names the holder in problems: an email, or "system account NAME". */
  holder: string;
  /** false: orgdeck leaves this principal as it is, so after sync = today. */
  managed: boolean;
  liveRoles: readonly LiveGrant[];
  /** The file's grants; undefined when the file does not declare the principal. */
  fileRoles?: readonly Grant[];
  liveTeams: readonly LiveTeam[];
  fileTeams?: readonly string[];
  teamsAt?: Readonly<Record<string, string>>;
  teamExpiry?: Readonly<Record<string, Expiry>>;
}

/** Built once per desired + live pair, shared by every principal looked at. */
export interface AccessContext {
  desired: DesiredState;
  entities: EntityIndex;
  declaredTeams: ReadonlyMap<string, DesiredTeam>;
  /** The clock access expires against, as the diff's (ms); undefined = nothing expires. */
  now?: number;
}

export function makeAccessContext(desired: DesiredState, entities: readonly LiveEntity[], now?: number): AccessContext {
  return { desired, entities: indexEntities(entities), declaredTeams: new Map(desired.teams.map((t) => [t.name, t])), now };
}

export interface CollectedAccess {
  held: HeldAccess[];
  /** Membership entries of predefined teams, by via (their roles are Konnect's own). */
  predefined: Set<string>;
  /** Grants of the file that cannot be resolved against the org (sync would stop on them). */
  problems: string[];
}

export function collectAccess(p: Principal, ctx: AccessContext): CollectedAccess {
  const out = new Collector(ctx.entities, ctx.now);
  out.grants('direct', p.liveRoles, p.managed ? (p.fileRoles ?? []) : undefined, p.holder);
  const slots: { name: string; team?: LiveTeam }[] = p.liveTeams.map((t) => ({ name: t.name, team: t }));
  for (const name of p.fileTeams ?? []) if (!slots.some((s) => s.name === name)) slots.push({ name });
  for (const { name, team } of slots) {
    const via = `team:${name}`;
    const teamManaged = team ? team.inScope : true;
    const expiry = membershipExpiry(p, name);
    const isMember = p.managed && teamManaged ? (p.fileTeams?.includes(name) ?? false) && !expiredAt(expiry, ctx.now) : team !== undefined;
    const system = team ? team.system : PREDEFINED_TEAMS.includes(name);
    if (system) out.predefined.add(via);
    const entry = { role: null, entity_type: null, entity: null, region: null, via, source: p.teamsAt?.[name] ?? null, live: team !== undefined, desired: isMember, ...(expiry ? { expires: expiry.on } : {}) };
    out.add({ entry, entityId: null, ...(team ? { teamId: team.id } : {}), ...(expiry ? { expires: expiry } : {}) });
    if (system) continue;
    const declared = teamManaged ? ctx.declaredTeams.get(name) : undefined;
    // An expired membership takes the team's declared grants with it: lost by expiry, at their lines.
    const lapsed = !isMember && p.managed && teamManaged && expiry !== undefined && expiredAt(expiry, ctx.now);
    const after = isMember ? declared?.roles : lapsed ? (declared?.roles ?? []).map((g) => ({ ...g, expires: earlier(g.expires, expiry) })) : [];
    out.grants(via, team?.roles ?? [], after, `team ${name}`, team?.id);
    if (isMember && expiry) out.endWith(via, expiry);
  }
  return { held: out.sorted(), predefined: out.predefined, problems: out.problems };
}

class Collector {
  readonly entries = new Map<string, HeldAccess>();
  readonly predefined = new Set<string>();
  readonly problems: string[] = [];

  constructor(
    private readonly entities: EntityIndex,
    private readonly now: number | undefined,
  ) {}

  add(h: HeldAccess): void {
    const e = h.entry;
    this.entries.set([e.via, e.role, e.entity_type, e.entity, e.region].join('\u0000'), h);
  }

  /** `after` undefined: orgdeck leaves these grants as they are, so after sync = today. */
  grants(via: string, held: readonly LiveGrant[], after: readonly Grant[] | undefined, holder: string, teamId?: string): void {
    const byId = new Map<string, HeldAccess>();
    const team = teamId ? { teamId } : {};
    for (const g of held) {
      const entity = displayEntity(g.entityType, g.entityId, g.region, this.entities);
      // Only named types are read as lists: an id missing from theirs is an entity that is gone.
      const missing = entity === g.entityId && g.entityId !== '*' && g.entityType in NAMED_ENTITY_TYPES;
      const entry: AccessEntry = { role: g.role, entity_type: g.entityType, entity, region: g.region, via, source: null, live: true, desired: after === undefined };
      byId.set(identity({ role: g.role, entity_type: g.entityType, entity_id: g.entityId, region: g.region }), { entry, entityId: g.entityId, ...team, ...(missing ? { missingEntity: true } : {}) });
    }
    for (const g of after ?? []) {
      const r = resolveGrant(g, this.entities, holder);
      if (expiredAt(g.expires, this.now)) {
        // Gone after sync, as the diff plans it: marked on the live grant, if any, never a problem.
        const had = r.ok ? byId.get(identity(r.grant)) : undefined;
        if (had) Object.assign(had, { entry: { ...had.entry, expires: g.expires!.on, source: g.at ?? null }, expires: g.expires });
        continue;
      }
      if (!r.ok) {
        this.problems.push(r.problem);
        byId.set(`unresolved\u0000${g.at ?? ''}\u0000${g.role}\u0000${g.entity}`, fromFile(g, via, { entity: g.entity, entity_id: null, region: g.region ?? null }, false));
        continue;
      }
      const id = identity(r.grant);
      const had = byId.get(id);
      byId.set(id, { ...fromFile(g, via, r.grant, had !== undefined), ...(had?.teamId ? { teamId: had.teamId } : {}) });
    }
    for (const h of byId.values()) this.add(h);
  }

  /** A team's grant is held through the membership, so it ends with it, if not before. */
  endWith(via: string, membership: Expiry): void {
    for (const [key, h] of this.entries) {
      if (h.entry.via !== via || h.entry.role === null || !h.entry.desired) continue;
      const ends = earlier(h.expires, membership);
      if (ends !== h.expires) this.entries.set(key, { ...h, entry: { ...h.entry, expires: ends.on }, expires: ends });
    }
  }

  sorted(): HeldAccess[] {
    const rank = (e: AccessEntry) => (e.via === 'direct' ? '0' : `1${e.via}`);
    const text = (v: string | null) => v ?? '';
    return [...this.entries.values()].sort(
      ({ entry: a }, { entry: b }) =>
        rank(a).localeCompare(rank(b)) ||
        Number(a.role !== null) - Number(b.role !== null) ||
        text(a.entity_type).localeCompare(text(b.entity_type)) ||
        text(a.role).localeCompare(text(b.role)) ||
        text(a.entity).localeCompare(text(b.entity)) ||
        text(a.region).localeCompare(text(b.region)),
    );
  }
}

function fromFile(g: Grant, via: string, at: { entity: string; entity_id: string | null; region: string | null }, live: boolean): HeldAccess {
  const entry: AccessEntry = { role: g.role, entity_type: g.entityType, entity: at.entity, region: at.region, via, source: g.at ?? null, live, desired: true, ...(g.expires ? { expires: g.expires.on } : {}) };
  return { entry, entityId: at.entity_id, ...(g.expires ? { expires: g.expires } : {}) };
}

function earlier(a: Expiry | undefined, b: Expiry): Expiry {
  if (!a) return b;
  return (expiryInstant(b.on) ?? Number.POSITIVE_INFINITY) < (expiryInstant(a.on) ?? Number.POSITIVE_INFINITY) ? b : a;
}
