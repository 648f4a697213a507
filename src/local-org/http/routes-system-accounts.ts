/** /v3/system-accounts and the teams a system account belongs to. */
import {
  type NewSystemAccount, createSystemAccount, deleteSystemAccount, findSystemAccount, updateSystemAccount,
} from '../store/system-accounts.js';
import { createAccessToken, deleteAccessToken, tokensOf } from '../store/access-tokens.js';
import { teamsOfSystemAccount } from '../store/teams.js';
import type { AccessTokenRecord, SystemAccountRecord } from '../types.js';
import { type ListSpec, TEAM_LIST, listPage } from './lists.js';
import { renderSystemAccount } from './render.js';
import { empty, json } from './reply.js';
import type { Route } from './router.js';

export const SYSTEM_ACCOUNT_LIST: ListSpec<SystemAccountRecord> = {
  filters: { name: ['eq', 'contains'], description: ['eq', 'contains'], konnect_managed: 'boolean' },
  readers: { name: (a) => a.name, description: (a) => a.description, konnect_managed: (a) => a.konnect_managed },
  render: renderSystemAccount,
};

const ACCOUNT = '/global/v3/system-accounts/:accountId';

const TOKEN_LIST: ListSpec<AccessTokenRecord> = {
  filters: { name: ['eq', 'contains'] },
  readers: { name: (t) => t.name },
  render: ({ account_id: _a, ...t }) => t,
};

export const systemAccountRoutes: Route[] = [
  {
    method: 'GET',
    path: '/global/v3/system-accounts',
    handler: ({ org, query }) => listPage(org.data.system_accounts, query, SYSTEM_ACCOUNT_LIST),
  },
  {
    method: 'POST',
    path: '/global/v3/system-accounts',
    body: 'CreateSystemAccount',
    handler: ({ org, body }) =>
      json(201, renderSystemAccount(createSystemAccount(org.data, org.env, body as NewSystemAccount))),
  },
  {
    method: 'GET',
    path: ACCOUNT,
    handler: ({ org, params }) => json(200, renderSystemAccount(findSystemAccount(org.data, params.accountId!))),
  },
  {
    method: 'PATCH',
    path: ACCOUNT,
    body: 'UpdateSystemAccount',
    handler: ({ org, params, body }) =>
      json(200, renderSystemAccount(updateSystemAccount(org.data, org.env, params.accountId!, body as { name?: string }))),
  },
  {
    method: 'DELETE',
    path: ACCOUNT,
    handler: ({ org, params }) => {
      deleteSystemAccount(org.data, params.accountId!);
      return empty(204);
    },
  },
  {
    method: 'GET',
    path: `${ACCOUNT}/access-tokens`,
    handler: ({ org, params, query }) => {
      findSystemAccount(org.data, params.accountId!);
      return listPage(tokensOf(org.data, params.accountId!), query, TOKEN_LIST);
    },
  },
  {
    method: 'POST',
    path: `${ACCOUNT}/access-tokens`,
    body: 'CreateSystemAccountAccessToken',
    handler: ({ org, params, body }) => {
      findSystemAccount(org.data, params.accountId!);
      const { account_id: _a, ...made } = createAccessToken(org.data, org.env, params.accountId!, body as { name: string; expires_at: string });
      return json(201, made);
    },
  },
  {
    method: 'DELETE',
    path: `${ACCOUNT}/access-tokens/:tokenId`,
    handler: ({ org, params }) => {
      deleteAccessToken(org.data, params.accountId!, params.tokenId!);
      return empty(204);
    },
  },
  {
    method: 'GET',
    path: `${ACCOUNT}/teams`,
    handler: ({ org, params, query }) => {
      findSystemAccount(org.data, params.accountId!);
      return listPage(teamsOfSystemAccount(org.data, params.accountId!), query, TEAM_LIST);
    },
  },
];
