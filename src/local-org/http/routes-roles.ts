/**
 * Assigned roles of users, teams and system accounts: the same four operations under three
 * prefixes. The lists are not paginated in the spec, so every match comes back on one page.
 */
import { type RoleInput, assignRole, findRole, listRoles, removeRole } from '../store/roles.js';
import { findSystemAccount } from '../store/system-accounts.js';
import { assertCustomTeam, findTeam } from '../store/teams.js';
import { findUser } from '../store/users.js';
import type { AssignedRoleRecord, OrgData, PrincipalKind } from '../types.js';
import { type FilterSpec, applyFilters, parseFilters } from './query.js';
import { renderRole } from './render.js';
import { empty, json } from './reply.js';
import type { Route } from './router.js';

interface Principal {
  kind: PrincipalKind;
  base: string;
  param: string;
  /** Throws 404 when the principal is unknown; `forWrite` lets teams refuse system teams. */
  find: (data: OrgData, id: string, forWrite: boolean) => void;
  filters: FilterSpec;
}

const READERS = {
  entity_id: (r: AssignedRoleRecord) => r.entity_id,
  role_name: (r: AssignedRoleRecord) => r.role_name,
  entity_type_name: (r: AssignedRoleRecord) => r.entity_type_name,
};

// Filters per the spec: teams have no entity_id filter.
const PRINCIPALS: Principal[] = [
  {
    kind: 'user',
    base: '/global/v3/users/:userId/assigned-roles',
    param: 'userId',
    find: (data, id) => void findUser(data, id),
    filters: { entity_id: ['eq'], role_name: ['eq'], entity_type_name: ['eq'] },
  },
  {
    kind: 'team',
    base: '/global/v3/teams/:teamId/assigned-roles',
    param: 'teamId',
    find: (data, id, forWrite) => {
      const team = findTeam(data, id);
      if (forWrite) assertCustomTeam(team);
    },
    filters: { role_name: ['eq'], entity_type_name: ['eq'] },
  },
  {
    kind: 'system_account',
    base: '/global/v3/system-accounts/:accountId/assigned-roles',
    param: 'accountId',
    find: (data, id) => void findSystemAccount(data, id),
    filters: { entity_id: ['eq'], role_name: ['eq'], entity_type_name: ['eq'] },
  },
];

function routesFor(p: Principal): Route[] {
  return [
    {
      method: 'GET',
      path: p.base,
      handler: ({ org, params, query }) => {
        const filters = parseFilters(query, p.filters);
        p.find(org.data, params[p.param]!, false);
        const roles = applyFilters(listRoles(org.data, p.kind, params[p.param]!), filters, READERS);
        return json(200, { meta: { page: { number: 1, size: roles.length, total: roles.length } }, data: roles.map(renderRole) });
      },
    },
    {
      method: 'POST',
      path: p.base,
      body: 'AssignRole',
      handler: ({ org, params, body }) => {
        p.find(org.data, params[p.param]!, true);
        return json(201, renderRole(assignRole(org.data, org.env, p.kind, params[p.param]!, body as RoleInput)));
      },
    },
    {
      method: 'GET',
      path: `${p.base}/:roleId`,
      handler: ({ org, params }) => {
        p.find(org.data, params[p.param]!, false);
        return json(200, renderRole(findRole(org.data, p.kind, params[p.param]!, params.roleId!)));
      },
    },
    {
      method: 'DELETE',
      path: `${p.base}/:roleId`,
      handler: ({ org, params }) => {
        p.find(org.data, params[p.param]!, true);
        removeRole(org.data, p.kind, params[p.param]!, params.roleId!);
        return empty(204);
      },
    },
  ];
}

export const roleRoutes: Route[] = PRINCIPALS.flatMap(routesFor);
