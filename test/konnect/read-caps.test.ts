/**
 * Memory is bounded whatever a server lists (issue 25, item 11): one principal's grants, and all
 * the items of one read of the organization, are capped; past a cap the read stops with a sentence.
 */
import { describe, expect, it } from 'vitest';
import { ResponseError, UsageError } from '../../src/errors.js';
import { KonnectClient } from '../../src/konnect/client.js';
import { fetchLiveState } from '../../src/konnect/fetch.js';
import { MAX_GRANTS_PER_PRINCIPAL, MAX_ITEMS_READ } from '../../src/konnect/paginate.js';
import type { Transport } from '../../src/konnect/transport.js';
import { FAST_RETRY } from '../support/engine.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const json = (text: string) => ({ status: 200, headers: { 'content-type': 'application/json' }, text });
const grants = (n: number) => JSON.stringify({
  meta: { page: { number: 1, size: n, total: n } },
  data: Array.from({ length: n }, (_, i) => ({ id: uuid(1_000_000 + i), role_name: 'Viewer', entity_id: '*', entity_type_name: 'Control Planes', entity_region: '*' })),
});

/** A Konnect listing `users` users with `perUser` grants each; counts the role reads. */
function hugeKonnect(users: number, perUser: number) {
  const roles = grants(perUser);
  const counts = { roleReads: 0 };
  const transport: Transport = async (req) => {
    const url = new URL(req.url);
    const path = url.pathname.replace(/^\/global/, '');
    if (path === '/v3/users/me') return json(JSON.stringify({ id: uuid(0), email: 'u0@example.com' }));
    if (path === '/v3/organizations/me') return json(JSON.stringify({ id: uuid(9_999_999), name: 'Org' }));
    if (path === '/v3/authentication-settings') return json(JSON.stringify({ basic_auth_enabled: true, oidc_auth_enabled: false, saml_auth_enabled: false }));
    if (path === '/v3/teams') return json(JSON.stringify({ meta: { page: { number: 1, size: 100, total: 0 } }, data: [] }));
    if (path === '/v3/users') {
      const number = Number(url.searchParams.get('page[number]'));
      const ids = Array.from({ length: Math.min(100, users - (number - 1) * 100) }, (_, i) => (number - 1) * 100 + i);
      return json(JSON.stringify({ meta: { page: { number, size: 100, total: users } }, data: ids.map((i) => ({ id: uuid(i), email: `u${i}@example.com`, active: true })) }));
    }
    if (/^\/v3\/users\/[^/]+\/assigned-roles$/.test(path)) {
      counts.roleReads++;
      return json(roles);
    }
    return { status: 404, headers: {}, text: '' };
  };
  const client = new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 'kpat_x', transport, parallelism: 8, timeoutMs: 10_000, retry: FAST_RETRY });
  return { client, counts };
}

describe('caps on what one read of the organization holds', () => {
  it('99,999 users with 500 grants each: stops past the total with a sentence, long before reading them all', async () => {
    const { client, counts } = hugeKonnect(99_999, 500);
    const err = await fetchLiveState(client, { entityNeeds: [] }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/^Konnect listed more than 2,000,000 items \(users, teams, members, role assignments, accounts and entities together\) in one read of the organization, the most orgdeck holds in memory; it stopped at GET \/v3\/users\/[0-9a-f-]+\/assigned-roles\./);
    expect(MAX_ITEMS_READ).toBe(2_000_000);
    // The cap, not the server, decided when to stop: some 4,000 of the 99,999 role lists were read.
    expect(counts.roleReads).toBeLessThan(MAX_ITEMS_READ / 500 + 100);
  }, 120_000);

  it('a 50,000-user organization with ten grants each is read whole', async () => {
    const { client } = hugeKonnect(50_000, 10);
    const live = await fetchLiveState(client, { entityNeeds: [] });
    expect(live.users).toHaveLength(50_000);
    expect(live.users.every((u) => u.roles.length === 10)).toBe(true);
  }, 120_000);

  it('one principal with more grants than the cap is refused, naming the list', async () => {
    const { client } = hugeKonnect(3, MAX_GRANTS_PER_PRINCIPAL + 1);
    const err = await fetchLiveState(client, { entityNeeds: [] }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseError);
    expect((err as Error).message).toMatch(/^GET \/v3\/users\/[0-9a-f-]+\/assigned-roles answered 200 with 5001 role assignments for one principal, more than the 5,000 orgdeck reads for one/);
  });

  it('a principal at the cap is read', async () => {
    const { client } = hugeKonnect(2, MAX_GRANTS_PER_PRINCIPAL);
    const live = await fetchLiveState(client, { entityNeeds: [] });
    expect(live.users.map((u) => u.roles.length)).toEqual([MAX_GRANTS_PER_PRINCIPAL, MAX_GRANTS_PER_PRINCIPAL]);
  });
});

describe('the read budget', () => {
  it('counts what a plan step reads through its tagged view of the client', async () => {
    const { startReadBudget, chargeItems } = await import('../../src/konnect/paginate.js');
    const { KonnectClient } = await import('../../src/konnect/client.js');
    const client = new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 'kpat_x', transport: async () => { throw new Error('no request is sent'); }, parallelism: 1, timeoutMs: 1000 });
    startReadBudget(client);
    const view = client.tagged({ op: 'create', kind: 'user', key: 'a@example.com' } as never);
    chargeItems(view, '/v3/users', MAX_ITEMS_READ);
    expect(() => chargeItems(view, '/v3/users', 1)).toThrow(/more than 2,000,000 items/);
  });
});
