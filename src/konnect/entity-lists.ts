/**
 * The regional entity lists (control planes, API products) that turn a grant's entity name into
 * an id, each read once; and, when a name is missing from the region its grant names, the same
 * name looked up in the other regions, so the problem can say where it lives instead of
 * suggesting a different entity.
 */
import { NAMED_ENTITY_TYPES } from '../catalogue/roles.js';
import { ApiError } from '../errors.js';
import { type LiveEntity, REGIONS, type Region } from '../model.js';
import type { ApiEntity, List } from './api-types.js';
import type { KonnectClient } from './client.js';
import { listAll } from './paginate.js';
import { type Shape, SHAPES } from './shape.js';

export interface EntityNeed {
  entityType: string;
  /** undefined = every region. */
  region?: Region;
  /** The name a grant looks for in `region`: looked up in the other regions when `region` lacks it. */
  name?: string;
}

/** The list shape of each entry of NAMED_ENTITY_TYPES. */
const ENTITY_SHAPES: Readonly<Record<string, Shape<List<ApiEntity>>>> = {
  'Control Planes': SHAPES.controlPlanes,
  'API Products': SHAPES.apiProducts,
};

/** The entity lists `needs` call for, each once: `type NUL region`. */
export function entityKeys(needs: readonly EntityNeed[]): Set<string> {
  const wanted = new Set<string>();
  for (const n of needs) {
    if (!(n.entityType in NAMED_ENTITY_TYPES)) continue;
    for (const region of n.region ? [n.region] : REGIONS) wanted.add(`${n.entityType}\u0000${region}`);
  }
  return wanted;
}

export async function readEntityLists(client: KonnectClient, wanted: ReadonlySet<string>): Promise<LiveEntity[]> {
  const lists = await Promise.all(
    [...wanted].map((key) => {
      const [entityType, region] = key.split('\u0000') as [string, Region];
      return readList(client, entityType, region);
    }),
  );
  return lists.flat();
}

async function readList(client: KonnectClient, entityType: string, region: Region, name?: string): Promise<LiveEntity[]> {
  const shape = ENTITY_SHAPES[entityType];
  if (!shape) throw new Error(`no response shape for the entity type ${entityType}; add it to ENTITY_SHAPES`);
  const items = await listAll(client, region, `/v2/${NAMED_ENTITY_TYPES[entityType]}`, shape, name === undefined ? {} : { query: { 'filter[name][eq]': name } });
  return items.filter((e) => name === undefined || e.name === name).map((e) => ({ id: e.id.toLowerCase(), name: e.name, region, entityType }));
}

/**
 * The entities named by `needs` that `found` lacks in the need's region, looked up by name
 * (`filter[name][eq]`, which both lists take) in every region whose whole list was not read
 * (`read`, as entityKeys gives it). Only a grant that cannot resolve costs these requests, at
 * most five per name. A region that refuses the lookup (one the org has not opted into) is
 * passed over: the answer only improves a problem's sentence.
 */
export async function readNamesElsewhere(client: KonnectClient, needs: readonly EntityNeed[], found: readonly LiveEntity[], read: ReadonlySet<string>): Promise<LiveEntity[]> {
  const have = new Set(found.map((e) => `${e.entityType}\u0000${e.region}\u0000${e.name}`));
  const lookups = new Map<string, { entityType: string; region: Region; name: string }>();
  for (const n of needs) {
    if (n.name === undefined || !n.region || !(n.entityType in NAMED_ENTITY_TYPES) || have.has(`${n.entityType}\u0000${n.region}\u0000${n.name}`)) continue;
    for (const region of REGIONS) {
      if (read.has(`${n.entityType}\u0000${region}`)) continue;
      lookups.set(`${n.entityType}\u0000${region}\u0000${n.name}`, { entityType: n.entityType, region, name: n.name });
    }
  }
  const lists = await Promise.all(
    [...lookups.values()].map(({ entityType, region, name }) =>
      readList(client, entityType, region, name).catch((err: unknown) => {
        if (err instanceof ApiError && err.api.status >= 400 && err.api.status < 500) return [];
        throw err;
      }),
    ),
  );
  return lists.flat();
}
