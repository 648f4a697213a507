/** Ids of invited users: one read of the pending list for many, one lookup for a few. */
import { describe, expect, it } from 'vitest';
import { findEventually, inviteUser } from '../../src/konnect/actions.js';
import { KonnectClient } from '../../src/konnect/client.js';
import { InvitedUsers } from '../../src/konnect/invited.js';
import type { Transport } from '../../src/konnect/transport.js';

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** A server that accepts invites and lists the invited as pending users, except those in `unlisted`. */
function fakeKonnect(unlisted: ReadonlySet<string> = new Set()) {
  const invited: string[] = [];
  const seen: string[] = [];
  const transport: Transport = async (req) => {
    const url = new URL(req.url);
    seen.push(`${req.method} ${url.pathname}${url.search}`);
    await new Promise((r) => setImmediate(r));
    if (req.method === 'POST') {
      invited.push((JSON.parse(req.body!) as { email: string }).email);
      return { status: 201, headers: {} as Record<string, string>, text: '' };
    }
    const email = url.searchParams.get('filter[email][eq]');
    const users = invited.map((e, i) => ({ id: uuid(i), email: e, active: false })).filter((u) => (email ? u.email === email : !unlisted.has(u.email)));
    return { status: 200, headers: { 'content-type': 'application/json' }, text: JSON.stringify({ data: users, meta: { page: { total: users.length, number: 1, size: 100 } } }) };
  };
  const client = new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 't', transport, parallelism: 8, timeoutMs: 1000 });
  return { client, seen };
}

describe('InvitedUsers', () => {
  it('twenty invites that finish together: one read of the pending users, no lookup each', async () => {
    const { client, seen } = fakeKonnect();
    const invited = new InvitedUsers(client, 0, (e) => findEventually(client, e));
    const emails = Array.from({ length: 20 }, (_, i) => `new${i}@example.com`);
    const results = await Promise.all(emails.map((e) => inviteUser(client, e, invited)));
    expect(results.map((r) => r.id)).toEqual(emails.map((_, i) => uuid(i)));
    const reads = seen.filter((s) => s.startsWith('GET'));
    expect(reads).toEqual(['GET /global/v3/users?filter[active]=false&page[size]=100&page[number]=1']);
  });

  it('one invite: one lookup by email (cheaper than reading the list)', async () => {
    const { client, seen } = fakeKonnect();
    const invited = new InvitedUsers(client, 250, (e) => findEventually(client, e));
    const r = await inviteUser(client, 'solo@example.com', invited);
    expect(r.id).toBe(uuid(0));
    expect(seen.filter((s) => s.startsWith('GET'))).toEqual(['GET /global/v3/users?filter[email][eq]=solo%40example.com']);
  });

  it('whoever the list does not show yet is looked up alone', async () => {
    const { client, seen } = fakeKonnect(new Set(['late@example.com']));
    const invited = new InvitedUsers(client, 0, (e) => findEventually(client, e));
    const emails = ['a@example.com', 'b@example.com', 'late@example.com'];
    const results = await Promise.all(emails.map((e) => inviteUser(client, e, invited)));
    expect(results.map((r) => r.id)).toEqual([uuid(0), uuid(1), uuid(2)]);
    expect(seen.filter((s) => s.startsWith('GET'))).toEqual([
      'GET /global/v3/users?filter[active]=false&page[size]=100&page[number]=1',
      'GET /global/v3/users?filter[email][eq]=late%40example.com',
    ]);
  });
});
