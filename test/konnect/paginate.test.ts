/** Lists are read whole, checked as a whole, and with a bounded number of pages in flight. */
import { describe, expect, it } from 'vitest';
import { ResponseError } from '../../src/errors.js';
import { KonnectClient } from '../../src/konnect/client.js';
import { listAll, MAX_LIST_TOTAL, PAGE_SIZE, PAGE_WINDOW } from '../../src/konnect/paginate.js';
import { SHAPES } from '../../src/konnect/shape.js';
import type { Transport } from '../../src/konnect/transport.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A server holding `count` users (or claiming `claim`), answering pages after a tick; counts pages in flight. */
function usersServer(count: number, opts: { claim?: number; tamper?: (page: number, ids: number[]) => number[] } = {}) {
  const stats = { requests: 0, inFlight: 0, maxInFlight: 0 };
  const transport: Transport = async (req) => {
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    await new Promise((r) => setImmediate(r));
    stats.inFlight--;
    const q = new URL(req.url).searchParams;
    const size = Number(q.get('page[size]'));
    const number = Number(q.get('page[number]'));
    let ids = Array.from({ length: Math.max(0, Math.min(size, count - (number - 1) * size)) }, (_, i) => (number - 1) * size + i);
    ids = opts.tamper?.(number, ids) ?? ids;
    const data = ids.map((i) => ({ id: uuid(i), email: `u${i}@example.com` }));
    return { status: 200, headers: { 'content-type': 'application/json' }, text: JSON.stringify({ meta: { page: { number, size, total: opts.claim ?? count } }, data }) };
  };
  const client = new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 'kpat_x', transport, parallelism: 64, timeoutMs: 1000 });
  return { stats, read: () => listAll(client, 'global', '/v3/users', SHAPES.users) };
}

describe('listAll', () => {
  it(`reads the largest list allowed (${MAX_LIST_TOTAL} items) with at most ${PAGE_WINDOW} pages in flight, though the client allows 64`, async () => {
    const server = usersServer(MAX_LIST_TOTAL);
    const users = await server.read();
    expect(users).toHaveLength(MAX_LIST_TOTAL);
    expect(users[PAGE_SIZE * 7 + 3]!.id).toBe(uuid(PAGE_SIZE * 7 + 3));
    expect(server.stats.requests).toBe(MAX_LIST_TOTAL / PAGE_SIZE);
    expect(server.stats.maxInFlight).toBe(PAGE_WINDOW);
  });

  it('an empty list is one request', async () => {
    const server = usersServer(0);
    expect(await server.read()).toEqual([]);
    expect(server.stats.requests).toBe(1);
  });

  it('a claimed total one past the bound: refused after the first page', async () => {
    const server = usersServer(10, { claim: MAX_LIST_TOTAL + 1 });
    await expect(server.read()).rejects.toThrow(ResponseError);
    expect(server.stats.requests).toBe(1);
  });

  it('a last page one short: read twice, then refused', async () => {
    const server = usersServer(250, { tamper: (n, ids) => (n === 3 ? ids.slice(1) : ids) });
    await expect(server.read()).rejects.toThrow('a list that does not add up, twice in a row: page 3 held 49 items where a total of 250 means 50');
    expect(server.stats.requests).toBe(6);
  });

  it('a page past the last one is never asked for', async () => {
    const server = usersServer(200);
    expect(await server.read()).toHaveLength(200);
    expect(server.stats.requests).toBe(2);
  });
});

describe('cursor-paged mappings', () => {
  it(`a server that never stops handing out new mappings and cursors is refused past ${MAX_LIST_TOTAL} items`, async () => {
    const { fetchIdp } = await import('../../src/konnect/fetch-idp.js');
    let requests = 0;
    const idp = uuid(999_999);
    const transport: Transport = async (req) => {
      const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body) });
      if (new URL(req.url).pathname.endsWith('/identity-providers')) return json([{ id: idp, type: 'oidc', enabled: true, login_path: 'x' }]);
      const n = requests++;
      const data = Array.from({ length: PAGE_SIZE }, (_, i) => ({ id: uuid(n * PAGE_SIZE + i), team_id: idp, group: 'g' }));
      return json({ meta: { page: { next: `/v3/identity-providers/${idp}/team-group-mappings?page[after]=c${n}` } }, data });
    };
    const client = new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 'kpat_x', transport, parallelism: 4, timeoutMs: 1000 });
    await expect(fetchIdp(client, {}, [])).rejects.toThrow(`a list longer than the 100,000 items orgdeck reads from one list`);
    expect(requests).toBe(MAX_LIST_TOTAL / PAGE_SIZE + 1);
  });
});
