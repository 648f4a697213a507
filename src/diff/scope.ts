/** What to read from the live org for a desired state: the scope the file claims, and the entities it names. */
import { NAMED_ENTITY_TYPES } from '../catalogue/roles.js';
import { UUID } from '../file/grants.js';
import type { EntityNeed, FetchScope } from '../konnect/fetch.js';
import type { DesiredState, Region } from '../model.js';

export function scopeOf(desired: DesiredState): FetchScope {
  const needs: EntityNeed[] = [];
  for (const g of [...desired.users, ...desired.teams].flatMap((x) => x.roles)) {
    if (g.entity === '*' || !(g.entityType in NAMED_ENTITY_TYPES)) continue;
    if (UUID.test(g.entity) && g.region) continue;
    needs.push(g.region && g.region !== '*' ? { entityType: g.entityType, region: g.region as Region } : { entityType: g.entityType });
  }
  return {
    ...(desired.info.unlistedUsers === 'ignore' ? { emails: new Set(desired.users.map((u) => u.email)) } : {}),
    ...(desired.info.selectTeamLabels ? { teamLabels: desired.info.selectTeamLabels } : {}),
    customTeams: desired.info.manageTeams,
    entityNeeds: needs,
    ...(desired.teams.some((t) => t.idpGroups !== undefined) ? { idp: desired.info.identityProvider ? { wanted: desired.info.identityProvider } : {} } : {}),
  };
}

/** dump reads everything. */
export const EVERYTHING: FetchScope = { entityNeeds: [], idp: { preferEnabled: true } };
