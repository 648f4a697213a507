/**
 * Read one person's access, for `explain`: their user, their direct grants, the teams they are
 * in and those teams' grants, and the entity lists that name them. A handful of requests, not
 * the whole organization: Konnect's rate limit is per organization.
 */
import type { LiveState, LiveUser } from '../live.js';
import type { ApiUser } from './api-types.js';
import type { KonnectClient } from './client.js';
import { type FetchScope, fetchEntities, listRoles, needsOfLiveGrants, toLiveTeam, toLiveUser } from './fetch.js';
import { listAll } from './paginate.js';
import { SHAPES } from './shape.js';

/** The part of the live state one person's access lives in. */
export type PersonLive = Pick<LiveState, 'users' | 'teams' | 'entities'>;

/** `scope` gives the team scope (labels, custom teams) and the entity lists the file's grants need. */
export async function fetchPersonState(client: KonnectClient, email: string, scope: FetchScope): Promise<PersonLive> {
  const user = await findUser(client, email.toLowerCase());
  if (!user) return { users: [], teams: [], entities: await fetchEntities(client, scope.entityNeeds) };
  // A user's teams are read for their ids; the teams themselves (labels, predefined or not)
  // come from the team list, which the spec types in full.
  const [roles, memberOf, apiTeams] = await Promise.all([
    listRoles(client, `/v3/users/${user.id}/assigned-roles`),
    listAll(client, 'global', `/v3/users/${user.id}/teams`, SHAPES.teamIds),
    listAll(client, 'global', '/v3/teams', SHAPES.teams),
  ]);
  user.roles = roles;
  const ids = new Set(memberOf.map((t) => t.id));
  const selector = scope.customTeams === false ? false : scope.teamLabels;
  const teams = apiTeams.filter((t) => ids.has(t.id)).map((t) => ({ ...toLiveTeam(t, selector), memberIds: [user.id] }));
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
  const filtered = await listAll(client, 'global', '/v3/users', SHAPES.users, { query: { 'filter[email][eq]': email } });
  const found = match(filtered) ?? match(await listAll(client, 'global', '/v3/users', SHAPES.users));
  return found ? toLiveUser(found) : undefined;
}
