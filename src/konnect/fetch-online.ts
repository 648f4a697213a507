/**
 * What `validate --online` checks a file against: the organization's role catalogue
 * (`GET /v3/roles`), its teams (names, predefined or not, duplicates) and the entity lists the
 * file's grants name. Reads only; never the users or anyone's grants.
 */
import { ROLE_CATALOGUE } from '../catalogue/roles.js';
import type { OnlineFacts } from '../file/online.js';
import type { KonnectClient } from './client.js';
import { listSystemAccounts } from './fetch-accounts.js';
import { type FetchScope, fetchEntities, toLiveTeam } from './fetch.js';
import { listAll } from './paginate.js';
import { SHAPES } from './shape.js';

/** `accounts`: also list the system accounts (a declared one has `renamed_from`). */
export async function fetchOnlineFacts(client: KonnectClient, scope: FetchScope, opts: { accounts?: boolean } = {}): Promise<OnlineFacts> {
  const [catalogue, apiTeams, entities, accounts] = await Promise.all([
    client.call<unknown>('global', 'GET', '/v3/roles').then((r) => r.body),
    listAll(client, 'global', '/v3/teams', SHAPES.teams),
    fetchEntities(client, scope.entityNeeds),
    opts.accounts ? listSystemAccounts(client) : undefined,
  ]);
  const teams = apiTeams.map((t) => toLiveTeam(t, scope.customTeams === false ? false : scope.teamLabels));
  return { roles: readCatalogue(catalogue), teams, entities, ...(accounts ? { systemAccounts: accounts.map((a) => ({ id: a.id, name: a.name })) } : {}) };
}

/**
 * `{ <group key>: { name, roles: { <key>: { name } } } }`, checked at the edge. A group's `name`
 * is not always the entity type assignments use ("Mesh Control Plane"), so known keys map
 * through the bundled catalogue; unknown groups keep their name.
 */
export function readCatalogue(body: unknown): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (!isRecord(body)) return out;
  for (const [key, group] of Object.entries(body)) {
    if (!isRecord(group) || !isRecord(group.roles)) continue;
    const type = ROLE_CATALOGUE.find((g) => g.key === key)?.entityType ?? (typeof group.name === 'string' ? group.name : key);
    const names = Object.values(group.roles).flatMap((r) => (isRecord(r) && typeof r.name === 'string' ? [r.name] : []));
    out.set(type, new Set([...(out.get(type) ?? []), ...names]));
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
