/** A name its region lacks is looked up by name in the regions not read; a region that refuses is passed over. */
import { describe, expect, it } from 'vitest';
import { KonnectClient } from '../../src/konnect/client.js';
import { readNamesElsewhere } from '../../src/konnect/entity-lists.js';
import type { Transport } from '../../src/konnect/transport.js';

const PROD_EU = '00000000-0000-4000-8000-000000000001';

/** Control planes: prod-eu in eu; sg answers 403 (not opted in); a server that ignores the filter in au. */
function server() {
  const asked: string[] = [];
  const transport: Transport = async (req) => {
    const url = new URL(req.url);
    const region = url.pathname.split('/')[1]!;
    asked.push(`${region} ${url.searchParams.get('filter[name][eq]')}`);
    const json = (status: number, body: unknown) => ({ status, headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' }, text: JSON.stringify(body) });
    if (region === 'sg') return json(403, { status: 403, title: 'Forbidden', detail: 'region not enabled' });
    const data = region === 'eu' ? [{ id: PROD_EU, name: 'prod-eu' }] : region === 'au' ? [{ id: '00000000-0000-4000-8000-000000000002', name: 'other' }] : [];
    return json(200, { meta: { page: { number: 1, size: 100, total: data.length } }, data });
  };
  return { asked, client: new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 'kpat_x', transport, parallelism: 8, timeoutMs: 1000 }) };
}

describe('readNamesElsewhere', () => {
  it('asks each region not read for the missing name, keeps exact matches only, and passes over a region that refuses', async () => {
    const { asked, client } = server();
    const needs = [{ entityType: 'Control Planes', region: 'us' as const, name: 'prod-eu' }];
    const found = await readNamesElsewhere(client, needs, [], new Set(['Control Planes\u0000us', 'Control Planes\u0000me']));
    expect(found).toEqual([{ id: PROD_EU, name: 'prod-eu', region: 'eu', entityType: 'Control Planes' }]);
    expect(asked.sort()).toEqual(['au prod-eu', 'eu prod-eu', 'in prod-eu', 'sg prod-eu']);
  });

  it('asks nothing when every name is where its grant says', async () => {
    const { asked, client } = server();
    const needs = [{ entityType: 'Control Planes', region: 'eu' as const, name: 'prod-eu' }, { entityType: 'Control Planes' }];
    const have = [{ id: PROD_EU, name: 'prod-eu', region: 'eu' as const, entityType: 'Control Planes' }];
    expect(await readNamesElsewhere(client, needs, have, new Set(['Control Planes\u0000eu']))).toEqual([]);
    expect(asked).toEqual([]);
  });
});
