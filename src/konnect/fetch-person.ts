/**
 * Read one person's access, for `explain`: their user, their direct grants, the teams they are
 * in and those teams' grants, and the entity lists that name them. A handful of requests, not
 * the whole organization: Konnect's rate limit is per organization.
 */
import type { LiveState, LiveUser } from '../live.js';
import type { ApiTeam, ApiUser } from './api-types.js';
import type { KonnectClient } from './client.js';
import { type FetchScope, fetchEntities, listRoles, needsOfLiveGrants, toLiveTeam, toLiveUser } from './fetch.js';
import { listAll } from './paginate.js';

/** The part of the live state one person's access lives in. */
export type PersonLive = Pick<LiveState, 'users' | 'teams' | 'entities'>;

/** `scope` gives the team scope (labels, custom teams) and the entity lists the file's grants need. */
export async function fetchPersonState(client: KonnectClient, email: string, scope: FetchScope): Promise<PersonLive> {
  const user = await findUser(client, email.toLowerCase());
  if (!user) return { users: [], teams: [], entities: await fetchEntities(client, scope.entityNeeds) };
  const [roles, apiTeams] = await Promise.all([
    listRoles(client, `/v3/users/${user.id}/assigned-roles`),
    listAll<ApiTeam>(client, 'global', `/v3/users/${user.id}/teams`),
  ]);
  user.roles = roles;
  const teams = apiTeams.map((t) => ({ ...toLiveTeam(t, scope.customTeams === false ? false : scope.teamLabels), memberIds: [user.id] }));
  // Teams outside orgdeck's scope still give the person access: read their grants too.
  await Promise.all(
    teams.filter((t) => !t.system).map(async (t) => {
      t.roles = await listRoles(client, `/v3/teams/${t.id}/assigned-roles`);
    }),
  );
  const grants = [...user.roles, ...teams.flatMap((t) => t.roles)];
  const entities = await fetchEntities(client, [...scope.entityNeeds, ...needsOfLiveGrants(grants)]);
  return { users: [user], teams, entities };
}

/**
 * One filtered request; whether Konnect's `filter[email][eq]` ignores case is not documented, so
 * a miss is confirmed against the full list before the person counts as absent.
 */
async function findUser(client: KonnectClient, email: string): Promise<LiveUser | undefined> {
  const match = (users: ApiUser[]) => users.find((u) => u.email.toLowerCase() === email);
  const found = match(await listAll<ApiUser>(client, 'global', '/v3/users', { 'filter[email][eq]': email })) ?? match(await listAll<ApiUser>(client, 'global', '/v3/users'));
  return found ? toLiveUser(found) : undefined;
}
