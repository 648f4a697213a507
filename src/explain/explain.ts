/**
 * `orgdeck explain`: every access one person holds today (live) and will hold after sync
 * (desired), each with where it comes from. Pure: desired + live in, a JSON-able value out.
 *
 * "After sync" follows sync's scope: what orgdeck does not manage (an unlisted user with
 * `unlisted_users: ignore`, a team outside `select_team_labels`, custom teams when the file has
 * no `teams` key) keeps what it has today. A team membership is an entry of its own, with
 * role, entity type, entity and region null: for predefined teams it is the only trace of the
 * access, since Konnect does not list the roles they carry.
 */
import type { LiveGrant, LiveTeam, LiveUser } from '../live.js';
import { type DesiredState, type Grant, type LiveEntity, PREDEFINED_TEAMS } from '../model.js';
import { identity } from '../diff/access.js';
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

export interface Explanation {
  email: string;
  access: AccessEntry[];
}

export interface ExplainResult {
  explanation: Explanation;
  /** What sync does with the person themself, when it is worth saying. */
  note?: string;
  /** Membership entries of predefined teams, by via (their roles are Konnect's own). */
  predefined: Set<string>;
  /** Grants of the file that cannot be resolved against the org (sync would stop on them). */
  problems: string[];
}

export interface PersonView {
  users: readonly LiveUser[];
  teams: readonly LiveTeam[];
  entities: readonly LiveEntity[];
}

/**
 * undefined when the email is neither in the file nor in the organization. `now`: the clock
 * access expires against, as the diff's (without one nothing expires).
 */
export function explainAccess(emailWritten: string, desired: DesiredState, live: PersonView, now?: number): ExplainResult | undefined {
  const email = emailWritten.trim().toLowerCase();
  const user = desired.users.find((u) => u.email === email);
  const liveUser = live.users.find((u) => u.email === email);
  if (!user && !liveUser) return undefined;
  // With unlisted_users: remove, an unlisted person is deleted by sync; with ignore, left alone.
  const managed = user !== undefined || desired.info.unlistedUsers === 'remove';
  const out = new Collector(indexEntities(live.entities), now);
  out.grants('direct', liveUser?.roles ?? [], managed ? (user?.roles ?? []) : undefined, email);

  const liveTeams = liveUser ? live.teams.filter((t) => t.memberIds.includes(liveUser.id)) : [];
  const slots: { name: string; team?: LiveTeam }[] = liveTeams.map((t) => ({ name: t.name, team: t }));
  for (const name of user?.teams ?? []) if (!slots.some((s) => s.name === name)) slots.push({ name });
  for (const { name, team } of slots) {
    const via = `team:${name}`;
    const teamManaged = team ? team.inScope : true;
    const expiry = user ? membershipExpiry(user, name) : undefined;
    const isMember = managed && teamManaged ? (user?.teams.includes(name) ?? false) && !expiredAt(expiry, now) : team !== undefined;
    const system = team ? team.system : PREDEFINED_TEAMS.includes(name);
    if (system) out.predefined.add(via);
    out.add({ role: null, entity_type: null, entity: null, region: null, via, source: user?.teamsAt?.[name] ?? null, live: team !== undefined, desired: isMember, ...(expiry ? { expires: expiry.on } : {}) });
    if (system) continue;
    const declared = teamManaged ? desired.teams.find((t) => t.name === name) : undefined;
    const after = !isMember ? [] : declared?.roles;
    out.grants(via, team?.roles ?? [], after, `team ${name}`);
  }
  return {
    explanation: { email, access: out.sorted() },
    ...noteOn(user !== undefined, liveUser, managed),
    predefined: out.predefined,
    problems: out.problems,
  };
}

class Collector {
  readonly entries = new Map<string, AccessEntry>();
  readonly predefined = new Set<string>();
  readonly problems: string[] = [];

  constructor(
    private readonly entities: EntityIndex,
    private readonly now: number | undefined,
  ) {}

  add(e: AccessEntry): void {
    const key = [e.via, e.role, e.entity_type, e.entity, e.region].join('\u0000');
    this.entries.set(key, e);
  }

  /** `after` undefined: orgdeck leaves these grants as they are, so after sync = today. */
  grants(via: string, held: readonly LiveGrant[], after: readonly Grant[] | undefined, holder: string): void {
    const byId = new Map<string, AccessEntry>();
    for (const g of held) {
      const entity = displayEntity(g.entityType, g.entityId, g.region, this.entities);
      const e: AccessEntry = { role: g.role, entity_type: g.entityType, entity, region: g.region, via, source: null, live: true, desired: after === undefined };
      byId.set(identity({ role: g.role, entity_type: g.entityType, entity_id: g.entityId, region: g.region }), e);
    }
    for (const g of after ?? []) {
      const r = resolveGrant(g, this.entities, holder);
      if (expiredAt(g.expires, this.now)) {
        // Gone after sync, as the diff plans it: marked on the live grant, if any, never a problem.
        const held = r.ok ? byId.get(identity(r.grant)) : undefined;
        if (held) Object.assign(held, { expires: g.expires!.on, source: g.at ?? null });
        continue;
      }
      if (!r.ok) {
        this.problems.push(r.problem);
        byId.set(`unresolved\u0000${g.at ?? ''}\u0000${g.role}\u0000${g.entity}`, fromFile(g, via, g.entity, g.region ?? null, false));
        continue;
      }
      const id = identity(r.grant);
      byId.set(id, fromFile(g, via, r.grant.entity, r.grant.region, byId.has(id)));
    }
    for (const e of byId.values()) this.add(e);
  }

  sorted(): AccessEntry[] {
    const rank = (e: AccessEntry) => (e.via === 'direct' ? '0' : `1${e.via}`);
    const text = (v: string | null) => v ?? '';
    return [...this.entries.values()].sort(
      (a, b) =>
        rank(a).localeCompare(rank(b)) ||
        Number(a.role !== null) - Number(b.role !== null) ||
        text(a.entity_type).localeCompare(text(b.entity_type)) ||
        text(a.role).localeCompare(text(b.role)) ||
        text(a.entity).localeCompare(text(b.entity)) ||
        text(a.region).localeCompare(text(b.region)),
    );
  }
}

function noteOn(inFile: boolean, liveUser: LiveUser | undefined, managed: boolean): { note?: string } {
  if (!liveUser) return { note: 'not in the organization yet: sync invites them' };
  if (!inFile) return { note: managed ? 'not in the file: sync removes them from the organization' : 'not in the file; unlisted_users: ignore leaves them as they are' };
  return liveUser.active ? {} : { note: 'invited, has not accepted yet' };
}

function fromFile(g: Grant, via: string, entity: string, region: string | null, live: boolean): AccessEntry {
  return { role: g.role, entity_type: g.entityType, entity, region, via, source: g.at ?? null, live, desired: true, ...(g.expires ? { expires: g.expires.on } : {}) };
}
