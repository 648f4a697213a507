/**
 * A tiny method+path router. Patterns use `:name` segments; `:region` only matches a Konnect
 * region, and every param named `id` or ending in `Id` must be a UUID (else Konnect's 400
 * "invalid ID format").
 * A literal segment beats a param, so `/users/me` wins over `/users/:userId`.
 */
import { REGIONS } from '../../model.js';
import type { OrgData, OrgEnv } from '../types.js';
import { HttpProblem, badRequest } from './problem.js';
import type { RequestSchemaName } from './request-schemas.js';
import type { Reply } from './reply.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The mutable org plus what handlers need to change it. */
export interface OrgHolder {
  data: OrgData;
  readonly env: OrgEnv;
  /** Back to the org as the seed built it. */
  reset(): void;
  /** Set when the token is a system account's (by name) rather than the owner's. */
  readonly tokenAccount?: string;
}

export interface RouteContext {
  org: OrgHolder;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, already validated when the route names a schema. */
  body: unknown;
}

export interface Route {
  method: Method;
  path: string;
  /** Request schema the body must satisfy (hand-transcribed from the spec). */
  body?: RequestSchemaName;
  handler: (ctx: RouteContext) => Reply;
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { route?: undefined; allow: Method[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function matchPattern(pattern: string, segments: string[]): { params: Record<string, string>; score: number } | undefined {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  let score = 0;
  for (const [i, part] of parts.entries()) {
    const segment = segments[i]!;
    if (part.startsWith(':')) {
      if (part === ':region' && !(REGIONS as readonly string[]).includes(segment)) return undefined;
      params[part.slice(1)] = segment;
    } else if (part === segment) {
      score++;
    } else {
      return undefined;
    }
  }
  return { params, score };
}

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { allow: [] };
  }
  let best: { route: Route; params: Record<string, string>; score: number } | undefined;
  const allow = new Set<Method>();
  let bestScore = -1;
  for (const route of routes) {
    const m = matchPattern(route.path, segments);
    if (!m || m.score < bestScore) continue;
    if (m.score > bestScore) {
      bestScore = m.score;
      allow.clear();
      best = undefined;
    }
    allow.add(route.method);
    if (route.method === method) best = { route, ...m };
  }
  return best ? { route: best.route, params: best.params } : { allow: [...allow] };
}

/**
 * Konnect's path-id check, named the way its examples name it: `teamId` → field `teamID`
 * (IDv3), `id` → `id` (Control Planes v2); reason "invalid ID format".
 */
export function checkPathIds(params: Record<string, string>): void {
  const problems = Object.entries(params)
    .filter(([name, value]) => (name === 'id' || name.endsWith('Id')) && !UUID.test(value))
    .map(([name]) => ({ field: name === 'id' ? 'id' : `${name.slice(0, -2)}ID`, reason: 'invalid ID format' }));
  if (problems.length > 0) throw badRequest(problems);
}

export function notFoundRoute(allow: Method[]): HttpProblem {
  return allow.length > 0
    ? new HttpProblem(405, 'Method not allowed', undefined, { Allow: allow.join(', ') })
    : new HttpProblem(404, 'The requested resource was not found');
}
