/** Shared list endpoints: filter + paginate + render, the same way for every collection. */
import type { TeamRecord, UserRecord } from '../types.js';
import { type FieldReaders, type FilterOp, type FilterSpec, applyFilters, paginate, parseFilters, parsePage } from './query.js';
import { renderTeam, renderUser } from './render.js';
import { type Reply, json } from './reply.js';

export interface ListSpec<T> {
  filters: FilterSpec;
  readers: FieldReaders<T>;
  render: (item: T) => unknown;
  caseInsensitive?: ReadonlySet<string>;
  labelOps?: readonly FilterOp[];
}

export function listPage<T>(items: readonly T[], query: URLSearchParams, spec: ListSpec<T>): Reply {
  const filters = parseFilters(query, spec.filters, spec.labelOps);
  const page = parsePage(query);
  const result = paginate(applyFilters(items, filters, spec.readers, spec.caseInsensitive), page);
  return json(200, { meta: result.meta, data: result.data.map(spec.render) });
}

export const USER_LIST: ListSpec<UserRecord> = {
  filters: { id: ['eq'], email: ['eq', 'contains'], full_name: ['eq', 'contains'], active: 'boolean' },
  readers: { id: (u) => u.id, email: (u) => u.email, full_name: (u) => u.full_name, active: (u) => u.active },
  render: renderUser,
  caseInsensitive: new Set(['email']),
};

/** Teams of a user or system account: only `filter[name]` (LegacyStringFieldFilter). */
export const TEAM_LIST: ListSpec<TeamRecord> = {
  filters: { name: ['eq', 'contains'] },
  readers: { name: (t) => t.name, labels: (t) => t.labels },
  render: renderTeam,
};

/** `GET /v3/teams` also filters on labels: `filter[labels.<key>][eq|contains|exists]`. */
export const TEAMS_LIST: ListSpec<TeamRecord> = { ...TEAM_LIST, labelOps: ['eq', 'contains', 'exists'] };
