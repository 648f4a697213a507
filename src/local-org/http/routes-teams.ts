/** /v3/teams, their members (users and system accounts). */
import { inTableOrder } from '../store/lookup.js';
import { findSystemAccount } from '../store/system-accounts.js';
import {
  type NewTeam, type TeamPatch, addTeamSystemAccount, addTeamUser, createTeam, deleteTeam, findTeam, membersOf,
  removeTeamSystemAccount, removeTeamUser, updateTeam,
} from '../store/teams.js';
import { SYSTEM_ACCOUNT_LIST } from './routes-system-accounts.js';
import { TEAMS_LIST, USER_LIST, listPage } from './lists.js';
import { renderTeam } from './render.js';
import { empty, json } from './reply.js';
import type { Route } from './router.js';

const TEAM = '/global/v3/teams/:teamId';

export const teamRoutes: Route[] = [
  { method: 'GET', path: '/global/v3/teams', handler: ({ org, query }) => listPage(org.data.teams, query, TEAMS_LIST) },
  {
    method: 'POST',
    path: '/global/v3/teams',
    body: 'CreateTeam',
    handler: ({ org, body }) => json(201, renderTeam(createTeam(org.data, org.env, body as NewTeam))),
  },
  { method: 'GET', path: TEAM, handler: ({ org, params }) => json(200, renderTeam(findTeam(org.data, params.teamId!))) },
  {
    method: 'PATCH',
    path: TEAM,
    body: 'UpdateTeam',
    handler: ({ org, params, body }) => json(200, renderTeam(updateTeam(org.data, org.env, params.teamId!, body as TeamPatch))),
  },
  {
    method: 'DELETE',
    path: TEAM,
    handler: ({ org, params }) => {
      deleteTeam(org.data, params.teamId!);
      return empty(204);
    },
  },
  {
    method: 'GET',
    path: `${TEAM}/users`,
    handler: ({ org, params, query }) => {
      findTeam(org.data, params.teamId!);
      return listPage(inTableOrder(org.data.users, membersOf(org.data, params.teamId!).map((m) => m.user_id)), query, USER_LIST);
    },
  },
  {
    method: 'POST',
    path: `${TEAM}/users`,
    body: 'AddUserToTeam',
    handler: ({ org, params, body }) => {
      addTeamUser(org.data, params.teamId!, (body as { id: string }).id);
      return empty(201);
    },
  },
  {
    method: 'DELETE',
    path: `${TEAM}/users/:userId`,
    handler: ({ org, params }) => {
      removeTeamUser(org.data, params.teamId!, params.userId!);
      return empty(204);
    },
  },
  {
    method: 'GET',
    path: `${TEAM}/system-accounts`,
    handler: ({ org, params, query }) => {
      findTeam(org.data, params.teamId!);
      const ids = org.data.team_system_accounts.filter((m) => m.team_id === params.teamId).map((m) => m.account_id);
      return listPage(ids.map((id) => findSystemAccount(org.data, id)), query, SYSTEM_ACCOUNT_LIST);
    },
  },
  {
    method: 'POST',
    path: `${TEAM}/system-accounts`,
    body: 'AddSystemAccountToTeam',
    handler: ({ org, params, body }) => {
      addTeamSystemAccount(org.data, params.teamId!, (body as { id: string }).id);
      return empty(201);
    },
  },
  {
    method: 'DELETE',
    path: `${TEAM}/system-accounts/:accountId`,
    handler: ({ org, params }) => {
      removeTeamSystemAccount(org.data, params.teamId!, params.accountId!);
      return empty(204);
    },
  },
];
