/**
 * Turn the file's entity references (a name, an id or "*", with or without a region) into the
 * ids and regions the API assigns roles on. Refuses to guess: a missing or ambiguous name is a
 * problem naming the candidates. The diff, the plan's access report, dump, explain and
 * `validate --online` all resolve and name entities this one way, so it lives below them all.
 */
import { NAMED_ENTITY_TYPES } from './catalogue/roles.js';
import { UUID } from './text/uuid.js';
import type { Grant, LiveEntity } from './model.js';
import { closest } from './text/suggest.js';
import type { PlanGrant } from './change.js';

export type Resolved = { ok: true; grant: PlanGrant } | { ok: false; problem: string };

export function resolveGrant(g: Grant, index: EntityIndex, holder: string): Resolved {
  const base = { role: g.role, entity_type: g.entityType, entity: g.entity };
  // Only a problem says where the grant is written: looking that up can cost a parse of the file.
  const where = () => `${g.at ? `${g.at}  ` : ''}${holder}: ${g.role} on ${g.entityType} "${g.entity}"`;
  if (g.entity === '*') return { ok: true, grant: { ...base, entity_id: '*', region: g.region ?? '*' } };
  const ofType = index.byType.get(g.entityType) ?? [];
  if (UUID.test(g.entity)) {
    const id = g.entity.toLowerCase();
    if (g.region) return { ok: true, grant: { ...base, entity: id, entity_id: id, region: g.region } };
    const found = index.byId.get(`${g.entityType}\u0000${id}`)?.[0];
    if (found) return { ok: true, grant: { ...base, entity: id, entity_id: id, region: found.region } };
    const how = g.entityType in NAMED_ENTITY_TYPES ? 'no region holds an entity with this id' : 'orgdeck cannot look up where it lives';
    return { ok: false, problem: `${where()}: ${how}. Give the grant a region.` };
  }
  const named = index.byName.get(`${g.entityType}\u0000${g.entity}`) ?? [];
  const inRegion = g.region ? named.filter((e) => e.region === g.region) : named;
  if (inRegion.length === 1) {
    const e = inRegion[0]!;
    return { ok: true, grant: { ...base, entity_id: e.id, region: e.region } };
  }
  if (inRegion.length > 1) {
    const list = inRegion.map((e) => `${e.id} (${e.region})`).join(', ');
    const fix = g.region ? 'Use the id of the one you mean.' : 'Give the grant a region, or use the id.';
    return { ok: false, problem: `${where()} is ambiguous: ${inRegion.length} match: ${list}. ${fix}` };
  }
  if (named.length > 0) {
    // The same name elsewhere is surely the one meant: suggesting another entity here could
    // steer a grant onto a different production control plane.
    const regions = [...new Set(named.map((e) => e.region))];
    const listed = regions.length === 1 ? regions[0] : `${regions.slice(0, -1).join(', ')} and ${regions.at(-1)}`;
    return { ok: false, problem: `${where()}: "${g.entity}" exists in ${listed}, not ${g.region}: fix the region.` };
  }
  // Only names in the grant's own region: a name from another region would not resolve either.
  const hint = closest(g.entity, ofType.filter((e) => !g.region || e.region === g.region).map((e) => e.name));
  const scope = g.region ? `region ${g.region}` : 'any region';
  return { ok: false, problem: `${where()} was not found in ${scope}.${hint ? ` Did you mean "${hint}"?` : ''} Check the name, or create the entity first.` };
}

/** The name to show for a live assignment's entity: its name when it resolves, else its id. */
export function displayEntity(entityType: string, entityId: string, region: string, index: EntityIndex): string {
  if (entityId === '*') return '*';
  const e = index.byId.get(`${entityType}\u0000${entityId}`)?.find((x) => region === '*' || x.region === region);
  return e ? e.name : entityId;
}

/**
 * The live entities by type, id and name, built once by whoever holds the list (the diff's
 * context, a plan's access report, dump, explain, validate --online) and passed to every
 * lookup. A snapshot: entities added to the list afterwards are not in it.
 */
export interface EntityIndex {
  byType: ReadonlyMap<string, readonly LiveEntity[]>;
  /** `type NUL id` and `type NUL name` → entities, in list order. */
  byId: ReadonlyMap<string, readonly LiveEntity[]>;
  byName: ReadonlyMap<string, readonly LiveEntity[]>;
}

export function indexEntities(entities: readonly LiveEntity[]): EntityIndex {
  const byType = new Map<string, LiveEntity[]>();
  const byId = new Map<string, LiveEntity[]>();
  const byName = new Map<string, LiveEntity[]>();
  const add = (map: Map<string, LiveEntity[]>, key: string, e: LiveEntity) => (map.get(key) ?? map.set(key, []).get(key)!).push(e);
  for (const e of entities) {
    add(byType, e.entityType, e);
    add(byId, `${e.entityType}\u0000${e.id}`, e);
    add(byName, `${e.entityType}\u0000${e.name}`, e);
  }
  return { byType, byId, byName };
}
