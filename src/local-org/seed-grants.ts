/**
 * Turns a seed grant (role + entity type + entity name/UUID/`*` + optional region) into the
 * assignment Konnect would hold. Names resolve against the seed's control planes and API
 * products; the region defaults as orgdeck's state file defines it.
 */
import { ENTITY_TYPE_ALIASES } from '../catalogue/roles.js';
import { GRANT_REGIONS, type GrantRegion, type Region } from '../model.js';
import type { RoleInput } from './store/roles.js';
import { checkRole } from './store/roles.js';
import type { EntityRecord, OrgData } from './types.js';

export interface SeedGrant {
  role: string;
  entity_type: string;
  entity: string;
  region?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function entitiesOf(data: OrgData, entityType: string): EntityRecord[] | undefined {
  if (entityType === 'Control Planes') return data.control_planes;
  if (entityType === 'API Products') return data.api_products;
  return undefined;
}

/** Resolves one grant, or pushes a sentence to `problems` and returns undefined. */
export function resolveGrant(
  grant: SeedGrant,
  data: OrgData,
  defaultRegion: Region | undefined,
  where: string,
  problems: string[],
): RoleInput | undefined {
  const entityType = ENTITY_TYPE_ALIASES[grant.entity_type] ?? grant.entity_type;
  const fail = (why: string) => {
    problems.push(`${where}: role ${grant.role} on ${grant.entity_type} ${grant.entity}: ${why}`);
    return undefined;
  };
  const roleProblem = checkRole({ role_name: grant.role, entity_type_name: entityType })[0];
  if (roleProblem) return fail(`${roleProblem.field} ${roleProblem.reason}`);
  const given = grant.region?.toLowerCase();
  if (given !== undefined && !GRANT_REGIONS.includes(given as GrantRegion)) return fail(`unknown region ${grant.region}`);
  const region = (given ?? defaultRegion) as GrantRegion | undefined;
  const base = { role_name: grant.role, entity_type_name: entityType };

  if (grant.entity === '*') return { ...base, entity_id: '*', entity_region: region ?? '*' };
  const known = entitiesOf(data, entityType);
  if (isUuid(grant.entity)) {
    const inferred = region ?? known?.find((e) => e.id === grant.entity)?.region;
    if (!inferred) return fail('cannot tell which region this UUID lives in; give a region');
    return { ...base, entity_id: grant.entity, entity_region: inferred };
  }
  if (!known) return fail(`names of ${entityType} cannot be resolved; use a UUID or *`);
  const matches = known.filter((e) => e.name === grant.entity && (region === undefined || region === '*' || e.region === region));
  if (matches.length === 0) return fail(`no ${entityType} named ${grant.entity}${region && region !== '*' ? ` in region ${region}` : ''}`);
  if (matches.length > 1) return fail(`${matches.length} ${entityType} are named ${grant.entity}; give a region`);
  const entity = matches[0]!;
  return { ...base, entity_id: entity.id, entity_region: region ?? entity.region };
}
