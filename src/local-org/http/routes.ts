/** Every route of the local org, in one table. */
import type { RequestLog } from './request-log.js';
import type { Route } from './router.js';
import { localRoutes } from './routes-local.js';
import { idpRoutes } from './routes-idp.js';
import { miscRoutes } from './routes-misc.js';
import { regionalRoutes } from './routes-regional.js';
import { roleRoutes } from './routes-roles.js';
import { systemAccountRoutes } from './routes-system-accounts.js';
import { teamRoutes } from './routes-teams.js';
import { userRoutes } from './routes-users.js';

export function allRoutes(log: RequestLog): Route[] {
  return [
    ...userRoutes,
    ...teamRoutes,
    ...roleRoutes,
    ...systemAccountRoutes,
    ...miscRoutes,
    ...idpRoutes,
    ...regionalRoutes,
    ...localRoutes(log),
  ];
}
