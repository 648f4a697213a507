/** Read-only identity endpoints: role catalogue, auth settings, the caller's organization. */
import { renderCatalogue, renderOrganization } from './render.js';
import { json } from './reply.js';
import type { Route } from './router.js';

export const miscRoutes: Route[] = [
  { method: 'GET', path: '/global/v3/roles', handler: ({ org }) => json(200, renderCatalogue(org.data.role_catalogue)) },
  {
    method: 'GET',
    path: '/global/v3/authentication-settings',
    handler: ({ org }) => json(200, { ...org.data.auth_settings }),
  },
  {
    method: 'GET',
    path: '/global/v3/organizations/me',
    handler: ({ org }) => json(200, renderOrganization(org.data)),
  },
];
