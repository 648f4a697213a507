/** Identity providers, their team-group mappings (cursor-paginated), auth settings and the legacy mapping list. */
import type { AuthSettingsRecord, TeamGroupMappingRecord } from '../types.js';
import {
  type NewProvider, createMapping, createProvider, deleteMapping, deleteProvider, findMapping, findProvider, updateAuthSettings, updateProvider,
} from '../store/identity-providers.js';
import { badRequest } from './problem.js';
import { applyFilters, paginate, parseFilters, parsePage } from './query.js';
import { renderMapping, renderProvider } from './render.js';
import { empty, json, type Reply } from './reply.js';
import type { Route } from './router.js';

const V3 = '/global/v3';
const IDP = `${V3}/identity-providers/:id`;
const MAPPINGS = `${V3}/identity-providers/:idpId/team-group-mappings`;

export const idpRoutes: Route[] = [
  {
    method: 'PATCH',
    path: `${V3}/authentication-settings`,
    body: 'UpdateAuthenticationSettings',
    handler: ({ org, body }) => json(200, { ...updateAuthSettings(org.data, body as Partial<AuthSettingsRecord>) }),
  },
  {
    method: 'GET',
    path: `${V3}/identity-providers`,
    handler: ({ org, query }) => {
      const filters = parseFilters(query, { type: ['eq'] });
      return json(200, applyFilters(org.data.identity_providers, filters, { type: (p) => p.type }).map(renderProvider));
    },
  },
  {
    method: 'POST',
    path: `${V3}/identity-providers`,
    body: 'CreateIdentityProviderRequest',
    handler: ({ org, body }) => json(201, renderProvider(createProvider(org.data, org.env, body as NewProvider))),
  },
  { method: 'GET', path: IDP, handler: ({ org, params }) => json(200, renderProvider(findProvider(org.data, params.id!))) },
  {
    method: 'PATCH',
    path: IDP,
    body: 'UpdateIdentityProviderRequest',
    handler: ({ org, params, body }) => json(200, renderProvider(updateProvider(org.data, org.env, params.id!, body as NewProvider))),
  },
  {
    method: 'DELETE',
    path: IDP,
    handler: ({ org, params }) => {
      deleteProvider(org.data, params.id!);
      return empty(204);
    },
  },
  {
    method: 'GET',
    path: MAPPINGS,
    handler: ({ org, params, query }) => {
      findProvider(org.data, params.idpId!);
      const filters = parseFilters(query, { team_id: ['eq'], group: ['eq'] });
      const mine = org.data.team_group_mappings.filter((m) => m.idp_id === params.idpId);
      const items = applyFilters(mine, filters, { team_id: (m) => m.team_id, group: (m) => m.group });
      return cursorPage(items, query, `/identity-providers/${params.idpId}/team-group-mappings`);
    },
  },
  {
    method: 'POST',
    path: MAPPINGS,
    body: 'CreateIdpTeamGroupMappingRequest',
    handler: ({ org, params, body }) => json(201, renderMapping(createMapping(org.data, org.env, params.idpId!, body as { team_id: string; group: string }))),
  },
  { method: 'GET', path: `${MAPPINGS}/:id`, handler: ({ org, params }) => json(200, renderMapping(findMapping(org.data, params.idpId!, params.id!))) },
  {
    method: 'DELETE',
    path: `${MAPPINGS}/:id`,
    handler: ({ org, params }) => {
      deleteMapping(org.data, params.idpId!, params.id!);
      return empty(204);
    },
  },
  {
    // Legacy, one provider per org: 400 until a provider exists (spec description and example).
    method: 'GET',
    path: `${V3}/identity-provider/team-group-mappings`,
    handler: ({ org, query }) => {
      const provider = org.data.identity_providers.find((p) => p.enabled) ?? org.data.identity_providers[0];
      if (!provider) throw badRequest([{ field: 'data', reason: 'cannot be set before configuring an identity provider' }], 'An IdP configuration is required');
      const byTeam = new Map<string, string[]>();
      for (const m of org.data.team_group_mappings.filter((x) => x.idp_id === provider.id)) byTeam.set(m.team_id, [...(byTeam.get(m.team_id) ?? []), m.group]);
      const result = paginate([...byTeam].map(([team_id, groups]) => ({ team_id, groups })), parsePage(query));
      return json(200, result);
    },
  },
];

/** Cursor pagination: `page[after]` / `page[before]` are opaque offsets; meta.page.next is a path or null. */
function cursorPage(items: readonly TeamGroupMappingRecord[], query: URLSearchParams, path: string): Reply {
  const { size } = parsePage(query);
  const after = query.get('page[after]');
  const before = query.get('page[before]');
  const start = after ? readCursor(after, 'page[after]') : before ? Math.max(0, readCursor(before, 'page[before]') - size) : 0;
  const end = Math.min(items.length, start + size);
  // The filter travels in every link: a client following `next` must get the next page of the
  // same filtered list, not of every mapping.
  const filters = [...query].filter(([k]) => k.startsWith('filter[')).map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join('');
  const link = (cursor?: string, dir = 'after') => `${path}?page[size]=${size}${filters}${cursor ? `&page[${dir}]=${cursor}` : ''}`;
  const lastStart = Math.max(0, Math.floor((items.length - 1) / size) * size);
  return json(200, {
    meta: {
      page: {
        first: link(),
        last: link(lastStart > 0 ? cursorOf(lastStart) : undefined),
        next: end < items.length ? link(cursorOf(end)) : null,
        previous: start > 0 ? link(cursorOf(start), 'before') : null,
        size,
      },
    },
    data: items.slice(start, end).map(renderMapping),
  });
}

function cursorOf(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function readCursor(cursor: string, field: string): number {
  try {
    const offset = (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the 400
  }
  throw badRequest([{ field, reason: 'is not a valid cursor', source: 'query' }]);
}
