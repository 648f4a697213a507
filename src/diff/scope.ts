/** What to read from the live org for a desired state: the scope the file claims, and the entities it names. */
import { NAMED_ENTITY_TYPES } from '../catalogue/roles.js';
import { UUID } from '../text/uuid.js';
import type { EntityNeed, FetchScope } from '../konnect/fetch.js';
import type { DesiredState, Grant, Region } from '../model.js';

export function scopeOf(desired: DesiredState): FetchScope {
  return {
    ...(desired.info.unlistedUsers === 'ignore' ? { emails: new Set(desired.users.map((u) => u.email)) } : {}),
    ...(desired.info.selectTeamLabels ? { teamLabels: desired.info.selectTeamLabels } : {}),
    customTeams: desired.info.manageTeams,
    entityNeeds: entityNeedsOf([...desired.users, ...desired.teams, ...(desired.systemAccounts ?? [])].flatMap((x) => x.roles)),
    ...(desired.systemAccounts ? { systemAccounts: systemAccountScope(desired) } : {}),
    ...(desired.teams.some((t) => t.idpGroups !== undefined) ? { idp: desired.info.identityProvider ? { wanted: desired.info.identityProvider } : {} } : {}),
  };
}

/** With unlisted_system_accounts: ignore, only the accounts the file lists are read and managed. */
function systemAccountScope(desired: DesiredState): { names?: ReadonlySet<string> } {
  if (desired.info.unlistedSystemAccounts !== 'ignore') return {};
  // An account's old names too: renaming it needs the account as it is now.
  return { names: new Set((desired.systemAccounts ?? []).flatMap((a) => [a.name, ...(a.renamedFrom ?? [])])) };
}

/**
 * The scope for one person (`explain`): the file's team scope, and only the entity lists that
 * the person's own grants and the grants of the teams the file gives them name.
 */
export function personScopeOf(desired: DesiredState, email: string): FetchScope {
  const user = desired.users.find((u) => u.email === email);
  const teams = desired.teams.filter((t) => user?.teams.includes(t.name));
  return { ...scopeOf(desired), entityNeeds: entityNeedsOf([...(user?.roles ?? []), ...teams.flatMap((t) => t.roles)]) };
}

/** The entity lists (type, region) needed to turn these grants' names into ids. */
export function entityNeedsOf(grants: readonly Grant[]): EntityNeed[] {
  const needs: EntityNeed[] = [];
  for (const g of grants) {
    if (g.entity === '*' || !(g.entityType in NAMED_ENTITY_TYPES)) continue;
    if (UUID.test(g.entity) && g.region) continue;
    if (!g.region || g.region === '*') needs.push({ entityType: g.entityType });
    // The name goes along: when its region lacks it, the other regions are asked for it (entity-lists.ts).
    else needs.push({ entityType: g.entityType, region: g.region as Region, name: g.entity });
  }
  return needs;
}

/** dump reads everything. */
export const EVERYTHING: FetchScope = { entityNeeds: [], idp: { preferEnabled: true }, systemAccounts: {} };
