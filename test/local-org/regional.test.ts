import { describe, expect, it } from 'vitest';
import type { SeedDocument } from '../../src/local-org/index.js';
import { CP_PROD_US, startOrg } from '../support/local-org.js';

const seed: SeedDocument = {
  control_planes: [
    { name: 'prod', region: 'us', id: CP_PROD_US },
    { name: 'staging', region: 'us' },
    { name: 'prod', region: 'eu' },
    { name: 'edge', region: 'sg' },
  ],
  api_products: [
    { name: 'payments', region: 'eu', description: 'Pay' },
    { name: 'orders', region: 'eu' },
  ],
};

describe('regional lists', () => {
  it('each region lists only its own control planes, paginated', async () => {
    const { api } = await startOrg({ seed });
    const us = await api.get('/us/v2/control-planes');
    expect(us.body.meta.page).toEqual({ number: 1, size: 10, total: 2 });
    expect(us.body.data.map((c: { name: string }) => c.name)).toEqual(['prod', 'staging']);
    expect(us.body.data[0]).toMatchObject({ id: CP_PROD_US, config: { cluster_type: 'CLUSTER_TYPE_CONTROL_PLANE' } });
    expect((await api.get('/au/v2/control-planes')).body.data).toEqual([]);
    const page = await api.get('/us/v2/control-planes?page[size]=1&page[number]=2');
    expect(page.body.data.map((c: { name: string }) => c.name)).toEqual(['staging']);
  });

  it('filters control planes by name and id the way CP v2 declares', async () => {
    const { api } = await startOrg({ seed });
    const named = async (q: string) => (await api.get(`/us/v2/control-planes?${q}`)).body.data.map((c: { name: string }) => c.name);
    expect(await named('filter[name][eq]=prod')).toEqual(['prod']);
    expect(await named('filter[name][neq]=prod')).toEqual(['staging']);
    expect(await named('filter[name][contains]=ag')).toEqual(['staging']);
    expect(await named(`filter[id][eq]=${CP_PROD_US}`)).toEqual(['prod']);
    expect(await named(`filter[id][oeq]=${CP_PROD_US},00000000-0000-4000-8000-000000000000`)).toEqual(['prod']);
    expect(await named('filter[cloud_gateway]=true')).toEqual([]);
    const eu = await api.get('/eu/v2/control-planes?filter[name][eq]=prod');
    expect(eu.body.data[0].id).not.toBe(CP_PROD_US);
    expect((await api.get('/us/v2/control-planes?filter[name][ocontains]=x')).status).toBe(400);
  });

  it('gets one control plane by id within its region', async () => {
    const { api } = await startOrg({ seed });
    expect((await api.get(`/us/v2/control-planes/${CP_PROD_US}`)).body.name).toBe('prod');
    expect((await api.get(`/eu/v2/control-planes/${CP_PROD_US}`)).status).toBe(404);
    const bad = await api.get('/us/v2/control-planes/prod');
    expect(bad.body.invalid_parameters).toEqual([{ field: 'id', reason: 'invalid ID format' }]);
  });

  it('lists API products per region with the APv2 shape and name filters', async () => {
    const { api } = await startOrg({ seed });
    const eu = await api.get('/eu/v2/api-products');
    expect(eu.body.meta.page.total).toBe(2);
    expect(eu.body.data[0]).toMatchObject({ name: 'payments', description: 'Pay', portal_ids: [], version_count: 0 });
    expect(eu.body.data[1].description).toBeNull();
    const names = async (q: string) => (await api.get(`/eu/v2/api-products?${q}`)).body.data.map((p: { name: string }) => p.name);
    expect(await names('filter[name]=orders')).toEqual(['orders']);
    expect(await names('filter[name][eq]=payments')).toEqual(['payments']);
    expect(await names('filter[name][oeq]=orders,payments')).toEqual(['payments', 'orders']);
    expect(await names('filter[name][ocontains]=ord,zzz')).toEqual(['orders']);
    expect((await api.get('/us/v2/api-products')).body.data).toEqual([]);
    const id = eu.body.data[0].id;
    expect((await api.get(`/eu/v2/api-products/${id}`)).body.name).toBe('payments');
    expect((await api.get(`/us/v2/api-products/${id}`)).status).toBe(404);
  });
});
