/** /v3/users, /v3/users/me, /v3/users/{id}/teams and /v3/invites. */
import { teamsOfUser } from '../store/teams.js';
import { deleteUser, findUser, inviteUser, updateUser, type UserPatch } from '../store/users.js';
import { TEAM_LIST, USER_LIST, listPage } from './lists.js';
import { HttpProblem } from './problem.js';
import { renderUser } from './render.js';
import { empty, json } from './reply.js';
import type { Route } from './router.js';

const V3 = '/global/v3';

export const userRoutes: Route[] = [
  {
    method: 'GET',
    path: `${V3}/users/me`,
    handler: ({ org }) => {
      // The spec's security for this operation lists personal and Konnect access tokens only.
      if (org.tokenAccount !== undefined) throw new HttpProblem(401, 'GET /users/me serves user tokens; this is a system account token');
      const owner = org.data.users.find((u) => u.id === org.data.organization.owner_id);
      if (!owner) throw new HttpProblem(401, 'A valid token is required');
      return json(200, renderUser(owner));
    },
  },
  { method: 'GET', path: `${V3}/users`, handler: ({ org, query }) => listPage(org.data.users, query, USER_LIST) },
  {
    method: 'GET',
    path: `${V3}/users/:userId`,
    handler: ({ org, params }) => json(200, renderUser(findUser(org.data, params.userId!))),
  },
  {
    method: 'PATCH',
    path: `${V3}/users/:userId`,
    body: 'UpdateUser',
    handler: ({ org, params, body }) => json(200, renderUser(updateUser(org.data, org.env, params.userId!, body as UserPatch))),
  },
  {
    method: 'DELETE',
    path: `${V3}/users/:userId`,
    handler: ({ org, params }) => {
      deleteUser(org.data, params.userId!);
      return empty(204);
    },
  },
  {
    method: 'GET',
    path: `${V3}/users/:userId/teams`,
    handler: ({ org, params, query }) => {
      findUser(org.data, params.userId!);
      return listPage(teamsOfUser(org.data, params.userId!), query, TEAM_LIST);
    },
  },
  {
    method: 'POST',
    path: `${V3}/invites`,
    body: 'InviteUser',
    handler: ({ org, body }) => {
      inviteUser(org.data, org.env, (body as { email: string }).email);
      return empty(201);
    },
  },
];
