/**
 * Reading the live org streams: the roles of the users on the first page of the user list are
 * asked for while its later pages are still to come, the entity lists the file needs are asked
 * for with the first lists rather than after every grant, and every required read is made
 * exactly once. Order is what the client sends (its transport); where it would depend on which
 * answer comes first, the test holds an answer back.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scopeOf } from '../../src/diff/scope.js';
import { KonnectClient } from '../../src/konnect/client.js';
import { fetchLiveState } from '../../src/konnect/fetch.js';
import { type Transport, undiciTransport } from '../../src/konnect/transport.js';
import { bigOrg } from '../support/big-org.js';
import { desiredFrom, FAST_RETRY } from '../support/engine.js';
import { startOrg } from '../support/local-org.js';
import { SCOPED_DESIRED, SCOPED_LIVE } from '../support/scoped-org.js';

describe('fetchLiveState', () => {
  it('asks for users\' roles before the user list is whole, for the entity lists the file needs first, and for those only live grants need last', async () => {
    const { seed, desiredYaml } = bigOrg(450, 450);
    const { org } = await startOrg({ seed: seed as never, latencyMs: 2 });
    const sent: string[] = [];
    const wire = undiciTransport(8);
    const isRoles = (p: string) => /^\/v3\/users\/[^/]+\/assigned-roles$/.test(p);
    // The user list's last page is held back until a user's roles are asked for (or 8 s pass):
    // which request the client sends first otherwise depends on which list answers first, and
    // on a loaded machine the teams' reads may fill the queue before any user page is in.
    let rolesAsked!: () => void;
    const asked = new Promise<'roles'>((resolve) => { rolesAsked = () => resolve('roles'); });
    let lastPageReleasedBy: string | undefined;
    const transport: Transport = async (req) => {
      const url = new URL(req.url);
      const path = url.pathname.replace(/^\/[a-z]+/, (r) => (r === '/global' ? '' : r));
      sent.push(path);
      if (isRoles(path)) rolesAsked();
      if (path === '/v3/users' && url.searchParams.get('page[number]') === '5') {
        lastPageReleasedBy = await Promise.race([asked, new Promise<string>((r) => setTimeout(() => r('timeout'), 8_000))]);
      }
      return wire(req);
    };
    const client = new KonnectClient({ addr: org.addr, token: org.token, transport, parallelism: 8, timeoutMs: 10_000, retry: FAST_RETRY });
    const live = await fetchLiveState(client, scopeOf(desiredFrom(desiredYaml)));

    expect(live.users).toHaveLength(451);
    // Roles were asked for while the user list still lacked its last page.
    expect(lastPageReleasedBy).toBe('roles');
    const firstRoles = sent.findIndex(isRoles);
    const lastRoles = sent.findLastIndex(isRoles);
    expect(firstRoles).toBeGreaterThan(-1);
    // The file grants on control planes in eu only: that list goes out with the first lists. The
    // us list is needed only by live grants, known once every role is read.
    expect(sent.indexOf('/eu/v2/control-planes')).toBeLessThan(firstRoles);
    expect(sent.indexOf('/us/v2/control-planes')).toBeGreaterThan(lastRoles);
    // Each user's roles exactly once, each entity list once, each user page once.
    const roleReads = sent.filter(isRoles);
    expect(roleReads).toHaveLength(451);
    expect(new Set(roleReads).size).toBe(451);
    expect(sent.filter((p) => p.endsWith('/v2/control-planes'))).toHaveLength(2);
    expect(sent.filter((p) => p === '/v3/users')).toHaveLength(5);
    // The roles read are the ones the plan sees.
    expect(live.users.filter((u) => u.roles.length > 0).length).toBeGreaterThan(50);
  });
});

describe('fetchLiveState when the user list is read twice', () => {
  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body) });
  type Answer = Awaited<ReturnType<Transport>>;

  /** A Konnect with the token's user, the organization and no teams; `rest` answers the rest (undefined: 404). */
  const fakeKonnect = (rest: (url: URL, path: string) => Promise<Answer | undefined>): Transport => async (req) => {
      const url = new URL(req.url);
      const path = url.pathname.replace(/^\/global/, '');
      if (path === '/v3/users/me') return json({ id: uuid(0), email: 'u0@example.com' });
      if (path === '/v3/organizations/me') return json({ id: uuid(9999), name: 'Org' });
      if (path === '/v3/authentication-settings') return json({ basic_auth_enabled: true });
      if (path === '/v3/teams') return json({ meta: { page: { number: 1, size: 100, total: 0 } }, data: [] });
      return (await rest(url, path)) ?? { status: 404, headers: {}, text: '' };
  };

  it('keeps what the second read says: a user renamed in between has the new name and their roles', async () => {
    // 150 users; the first read's page 2 is one short (the list does not add up), and between
    // the two reads user 50 (on page 1, already taken in) is renamed. Everyone holds one role.
    let usersReads = 0;
    const roleReads = new Map<string, number>();
    const transport = fakeKonnect(async (url, path) => {
      const roles = /^\/v3\/users\/([^/]+)\/assigned-roles$/.exec(path);
      if (roles) {
        roleReads.set(roles[1]!, (roleReads.get(roles[1]!) ?? 0) + 1);
        return json({ meta: { page: { number: 1, size: 1, total: 1 } }, data: [{ id: uuid(5000), role_name: 'Viewer', entity_id: '*', entity_type_name: 'Control Planes', entity_region: '*' }] });
      }
      if (path === '/v3/users') {
        const number = Number(url.searchParams.get('page[number]'));
        if (number === 1) usersReads++;
        const ids = Array.from({ length: number === 1 ? 100 : 50 }, (_, i) => (number - 1) * 100 + i);
        const shown = usersReads === 1 && number === 2 ? ids.slice(1) : ids;
        const name = (i: number) => (i === 50 && usersReads > 1 ? 'Renamed' : `User ${i}`);
        return json({ meta: { page: { number, size: 100, total: 150 } }, data: shown.map((i) => ({ id: uuid(i), email: `u${i}@example.com`, full_name: name(i), active: true })) });
      }
      return undefined;
    });
    const client = new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 'kpat_x', transport, parallelism: 8, timeoutMs: 1000, retry: FAST_RETRY });
    const live = await fetchLiveState(client, { entityNeeds: [] });

    expect(usersReads).toBe(2);
    expect(live.users).toHaveLength(150);
    const renamed = live.users.find((u) => u.id === uuid(50))!;
    expect(renamed.fullName).toBe('Renamed');
    expect(renamed.roles).toHaveLength(1);
    expect(live.users.every((u) => u.roles.length === 1)).toBe(true);
    // Unchanged people are not read twice; the renamed one is read again, as the new version.
    expect(roleReads.get(uuid(5))).toBe(1);
    expect(roleReads.get(uuid(50))).toBe(2);
  });
  it('someone deleted between the two reads: their role read answers 404, and the org is read without them', async () => {
    // User 50 (page 1, taken in from the first read) is deleted before page 2 is read: page 2
    // then says 149, the list is read again, and the role read queued for 50 answers 404.
    let usersReads = 0;
    const deleted = () => usersReads > 1 || pagesSeen > 1;
    let pagesSeen = 0;
    let notFound = 0;
    const transport = fakeKonnect(async (url, path) => {
      const roles = /^\/v3\/users\/([^/]+)\/assigned-roles$/.exec(path);
      if (roles) {
        if (roles[1] === uuid(50) && deleted() && ++notFound) return { status: 404, headers: { 'content-type': 'application/problem+json' }, text: JSON.stringify({ status: 404, title: 'Not Found', detail: 'user not found' }) };
        return json({ meta: { page: { number: 1, size: 1, total: 1 } }, data: [{ id: uuid(5000), role_name: 'Viewer', entity_id: '*', entity_type_name: 'Control Planes', entity_region: '*' }] });
      }
      if (path === '/v3/users') {
        const number = Number(url.searchParams.get('page[number]'));
        if (number === 1) usersReads++;
        pagesSeen++;
        const all = Array.from({ length: 150 }, (_, i) => i).filter((i) => !(i === 50 && deleted()));
        const ids = all.slice((number - 1) * 100, number * 100);
        return json({ meta: { page: { number, size: 100, total: all.length } }, data: ids.map((i) => ({ id: uuid(i), email: `u${i}@example.com`, full_name: `User ${i}`, active: true })) });
      }
      return undefined;
    });
    const client = new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 'kpat_x', transport, parallelism: 8, timeoutMs: 1000, retry: FAST_RETRY });
    const live = await fetchLiveState(client, { entityNeeds: [] });

    expect(usersReads).toBe(2);
    // The 404 path was taken (not a read that happened to come before the deletion).
    expect(notFound).toBe(1);
    expect(live.users.map((u) => u.id)).toEqual(Array.from({ length: 150 }, (_, i) => i).filter((i) => i !== 50).map(uuid));
    expect(live.users.every((u) => u.roles.length === 1)).toBe(true);
  });
});

describe('fetchLiveState with a scope that leaves people and teams out', () => {
  // A grant on a named control plane: its list is the one entity list read.
  const DESIRED = `${SCOPED_DESIRED}  - email: bo@example.com
    roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }]
`;

  it('reads nothing of those outside it beyond the lists that name them, and only the entity lists the file names', async () => {
    const { org } = await startOrg({ seed: parse(SCOPED_LIVE) as never });
    const ids = org.snapshot();
    const outside = [ids.users.find((u) => u.email === 'stranger@example.com')!.id, ids.teams.find((t) => t.name === 'Theirs')!.id];
    const sent: string[] = [];
    const wire = undiciTransport(8);
    const transport: Transport = (req) => {
      sent.push(new URL(req.url).pathname);
      return wire(req);
    };
    const client = new KonnectClient({ addr: org.addr, token: org.token, parallelism: 8, timeoutMs: 10_000, retry: FAST_RETRY, transport });
    const live = await fetchLiveState(client, scopeOf(desiredFrom(DESIRED)));
    expect(sent.filter((p) => outside.some((id) => p.includes(id)))).toEqual([]);
    expect(sent.filter((p) => p.endsWith('/v2/control-planes'))).toEqual(['/us/v2/control-planes']);
    expect(live.users.find((u) => u.email === 'stranger@example.com')!.roles).toEqual([]);
    expect(live.teams.find((t) => t.name === 'Theirs')).toMatchObject({ inScope: false, memberIds: [], roles: [] });
  });
});
