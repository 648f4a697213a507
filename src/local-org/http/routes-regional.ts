/**
 * Regional list APIs used to resolve entity names: `/{region}/v2/control-planes` (CP v2) and
 * `/{region}/v2/api-products` (API Products v2). Each entity lives in exactly one region.
 */
import { notFound } from '../store/errors.js';
import type { EntityRecord } from '../types.js';
import { type ListSpec, listPage } from './lists.js';
import { renderApiProduct, renderControlPlane } from './render.js';
import { json } from './reply.js';
import type { Route } from './router.js';

const CONTROL_PLANE_LIST: ListSpec<EntityRecord> = {
  filters: { id: ['eq', 'oeq'], name: ['eq', 'neq', 'contains'], cluster_type: ['eq', 'neq', 'oeq'], cloud_gateway: 'boolean' },
  readers: { id: (e) => e.id, name: (e) => e.name, cluster_type: () => 'CLUSTER_TYPE_CONTROL_PLANE', cloud_gateway: () => false },
  render: renderControlPlane,
};

// APIProductFilterParameters: only `name`, as a StringFieldFilter (a bare value means eq).
const API_PRODUCT_LIST: ListSpec<EntityRecord> = {
  filters: { name: ['eq', 'oeq', 'neq', 'contains', 'ocontains'] },
  readers: { name: (e) => e.name },
  render: renderApiProduct,
};

function inRegion(list: EntityRecord[], region: string): EntityRecord[] {
  return list.filter((e) => e.region === region);
}

function findIn(list: EntityRecord[], region: string, id: string, what: string): EntityRecord {
  const found = inRegion(list, region).find((e) => e.id === id);
  if (!found) throw notFound(what);
  return found;
}

export const regionalRoutes: Route[] = [
  {
    method: 'GET',
    path: '/:region/v2/control-planes',
    handler: ({ org, params, query }) => listPage(inRegion(org.data.control_planes, params.region!), query, CONTROL_PLANE_LIST),
  },
  {
    method: 'GET',
    path: '/:region/v2/control-planes/:id',
    handler: ({ org, params }) =>
      json(200, renderControlPlane(findIn(org.data.control_planes, params.region!, params.id!, 'control plane'))),
  },
  {
    method: 'GET',
    path: '/:region/v2/api-products',
    handler: ({ org, params, query }) => listPage(inRegion(org.data.api_products, params.region!), query, API_PRODUCT_LIST),
  },
  {
    method: 'GET',
    path: '/:region/v2/api-products/:id',
    handler: ({ org, params }) =>
      json(200, renderApiProduct(findIn(org.data.api_products, params.region!, params.id!, 'API product'))),
  },
];
