/**
 * Attacks by the server (issue 9): a Konnect-compatible org behind a proxy that corrupts chosen
 * answers. The org already matches the file, so any write is a wrong write. Every attack ends in
 * exit 1, a sentence naming method, path, status and what was wrong, zero writes reaching the
 * org, no stack trace and no token; time and memory are bounded in requests.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { LocalOrg } from '../../src/local-org/index.js';
import { MAX_LIST_TOTAL, PAGE_WINDOW } from '../../src/konnect/paginate.js';
import { type Answer, type Corrupt, corruptingProxy, jsonAnswer, type Upstream } from '../support/corrupting-proxy.js';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

// 130 people: /v3/users takes two pages of 100.
const USERS = [
  { email: 'owner@example.com', teams: ['Organization Admin'] },
  ...Array.from({ length: 129 }, (_, i) => ({ email: `user${String(i).padStart(3, '0')}@example.com`, full_name: `User ${i}`, teams: ['Eng'] })),
];
const STATE = stringify({ _format_version: '1.0', teams: [{ name: 'Eng', description: 'Engineering' }], users: USERS });

let file = '';
beforeAll(() => {
  file = join(mkdtempSync(join(tmpdir(), 'orgdeck-hostile-')), 'org.yaml');
  writeFileSync(file, STATE);
});

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

async function attack(org: LocalOrg, corrupt: Corrupt, argv = ['sync', '--yes']) {
  const proxy = await corruptingProxy(org.baseUrl, corrupt);
  org.clearRequestLog();
  const r = await runCli([...argv, file], { env: { KONNECT_ADDR: proxy.addr, KONNECT_TOKEN: TEST_TOKEN } });
  expect(r.code, r.stderr).toBe(1);
  expect(org.requestLog().filter((e) => WRITES.has(e.method))).toEqual([]);
  expect(r.stderr).not.toMatch(/\n\s+at |Internal error/);
  expect(r.stdout + r.stderr).not.toContain(TEST_TOKEN);
  // One sentence on stderr (besides the progress line a run of over 10 s prints), and no step was started.
  expect(r.stderr.trim().split('\n').filter((l) => !/^reading /.test(l))).toHaveLength(1);
  expect(r.stdout).not.toMatch(/\[\d+\/\d+\]/);
  return { ...r, proxy };
}

/** Replace the answer to GET `path` (page `page`, if given) with `answer`. */
function on(path: string, answer: (up: () => Promise<Upstream>) => Promise<Answer> | Answer, page?: number): Corrupt {
  return (req, upstream) => {
    if (req.method !== 'GET' || req.path !== path) return undefined;
    if (page !== undefined && req.query.get('page[number]') !== String(page)) return undefined;
    return answer(upstream);
  };
}

// biome-ignore lint/suspicious/noExplicitAny: editing a parsed JSON answer
type Json = any;
const edit = (change: (body: Json) => void) => async (up: () => Promise<Upstream>) => {
  const body = structuredClone((await up()).json) as Json;
  change(body);
  return jsonAnswer(body);
};

describe('a hostile or broken server cannot make orgdeck write', () => {
  it('the untouched org needs no change (so any write below would be a wrong one)', async () => {
    const { org, env } = await seededOrg(STATE);
    const r = await runCli(['sync', '--yes', file], { env });
    expect(r.stdout).toContain('No changes');
    expect(r.code).toBe(0);
    expect(org.requestLog().filter((e) => WRITES.has(e.method))).toEqual([]);
  });

  const cases: [name: string, corrupt: Corrupt, says: RegExp][] = [
    ['an HTML page with status 200', on('/v3/users', () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><h1>Sign in</h1>' }), 2), /GET \/v3\/users answered 200 with a text\/html body where JSON belongs \("<!doctype html>/],
    ['broken JSON', on('/v3/users', () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"meta": {"page": ' })), /GET \/v3\/users answered 200 with a body that is not JSON, or is cut short \(18 bytes/],
    ['data that is an object, not a list', on('/v3/teams', edit((b) => (b.data = { id: 'x' }))), /GET \/v3\/teams \(page 1\) answered 200 with a body that is not a list of teams: \/data must be array/],
    ['a user without an email', on('/v3/users', edit((b) => delete b.data[3].email), 2), /GET \/v3\/users \(page 2\) answered 200 with a body that is not a list of users: \/data\/3 must have required property 'email'/],
    ['an id that is a path, not a uuid', on('/v3/teams', edit((b) => (b.data[0].id = '../users/x'))), /\/data\/0\/id must match format "uuid" \("\.\.\/users\/x"\)/],
    ['a number where an email belongs', on('/v3/users', edit((b) => (b.data[0].email = 42)), 1), /\/data\/0\/email must be string \(42\)/],
    ['a list without meta.page.total', on('/v3/users', edit((b) => delete b.meta.page.total), 1), /\/meta\/page must have required property 'total'/],
    ['an empty /v3/users/me', on('/v3/users/me', () => ({ status: 200, headers: {}, body: '' })), /GET \/v3\/users\/me answered 200 with an empty body where a User belongs/],
    ['an object where /v3/users/me belongs, without id', on('/v3/users/me', () => jsonAnswer({ email: 'owner@example.com' })), /GET \/v3\/users\/me answered 200 with a body that is not a User: must have required property 'id'/],
    ['data that is null', on('/v3/teams', edit((b) => (b.data = null))), /\/data must be array \(null\)/],
    ['a role list whose total says more than it holds', (req, up) => (req.method === 'GET' && /^\/v3\/users\/[^/]+\/assigned-roles$/.test(req.path) ? edit((b) => (b.meta.page.total = 3))(up) : undefined), /answered 200 with a list that does not add up, twice in a row: 0 items where meta.page.total says 3/],
    ['a body cut short with a length to match', on('/v3/teams', async (up) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: (await up()).text.slice(0, 40) })), /GET \/v3\/teams answered 200 with a body that is not JSON, or is cut short \(40 bytes/],
  ];

  for (const [name, corrupt, says] of cases) {
    it(`${name}: exit 1, a sentence, no write`, async () => {
      const { org } = await seededOrg(STATE);
      const r = await attack(org, corrupt);
      expect(r.stderr).toMatch(says);
      expect(r.stderr).toMatch(/Check that --konnect-addr \(or KONNECT_ADDR\) points at Konnect/);
    });
  }

  for (const status of [301, 302, 307, 308]) {
    it(`a ${status} redirect is not followed: the token never reaches where it points`, async () => {
      const { org } = await seededOrg(STATE);
      const stolen: string[] = [];
      const thief = createServer((req, res) => {
        stolen.push(String(req.headers.authorization));
        res.end('{}');
      });
      await new Promise<void>((r) => thief.listen(0, '127.0.0.1', r));
      const to = `http://127.0.0.1:${(thief.address() as AddressInfo).port}/global/v3/teams`;
      try {
        const r = await attack(org, on('/v3/teams', () => ({ status, headers: { location: to }, body: '' })));
        expect(r.stderr).toContain(`GET /v3/teams answered ${status} with a redirect to "${to}" (orgdeck never follows redirects`);
        expect(r.proxy.count('GET', '/v3/teams')).toBe(1);
        expect(stolen).toEqual([]);
      } finally {
        await new Promise<void>((r) => thief.close(() => r()));
      }
    });
  }

  for (const total of [MAX_LIST_TOTAL + 1, 1e9, 1e15]) {
    it(`a total of ${total} is refused after one request, nothing queued`, async () => {
      const { org } = await seededOrg(STATE);
      const r = await attack(org, on('/v3/users', edit((b) => (b.meta.page.total = total))));
      expect(r.stderr).toContain(`GET /v3/users answered 200 with meta.page.total ${total}, more than the 100,000 items orgdeck reads from one list`);
      expect(r.proxy.count('GET', '/v3/users')).toBe(1);
    });
  }

  it('a total at the bound that the pages do not bear out: read twice, a window of pages each time, then refused', async () => {
    const { org } = await seededOrg(STATE);
    const r = await attack(org, on('/v3/users', edit((b) => (b.meta.page.total = MAX_LIST_TOTAL))));
    expect(r.stderr).toMatch(/GET \/v3\/users answered 200 with a list that does not add up, twice in a row: page 2 held 30 items where a total of 100000 means 100/);
    // Each read stops at the first short page: page 1, then at most one window of pages.
    expect(r.proxy.count('GET', '/v3/users')).toBeLessThanOrEqual(2 * (1 + PAGE_WINDOW));
  });

  it('pages that repeat ids: read twice, then refused (never three deletions of one user)', async () => {
    const { org } = await seededOrg(STATE);
    const r = await attack(org, on('/v3/users', async (up) => {
      const page = (await up()).json as Json;
      // Page 2 says the same total but carries page 1's first 29 users and one of its own.
      const first = (await (await fetch(`${org.baseUrl}/global/v3/users?page[size]=100&page[number]=1`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })).json()) as Json;
      page.data = [...first.data.slice(0, 29), page.data[0]];
      return jsonAnswer(page);
    }, 2));
    expect(r.stderr).toMatch(/GET \/v3\/users answered 200 with a list that does not add up, twice in a row: id [0-9a-f-]{36} listed twice \(pages 1 and 2\)/);
    expect(r.proxy.count('GET', '/v3/users')).toBe(4);
  });

  it('a total that changes between pages is inconsistent', async () => {
    const { org } = await seededOrg(STATE);
    const r = await attack(org, on('/v3/users', edit((b) => (b.meta.page.total = 131)), 2));
    expect(r.stderr).toContain('meta.page.total was 130 on page 1 but 131 on page 2');
  });

  it('a list inconsistent once (the org changed while it was read) is read again and the sync goes on', async () => {
    const { org, env } = await seededOrg(STATE);
    let broken = 0;
    const proxy = await corruptingProxy(org.baseUrl, on('/v3/users', (up) => (broken++ === 0 ? edit((b) => b.data.pop())(up) : up().then((u) => jsonAnswer(u.json))), 2));
    const r = await runCli(['sync', '--yes', file], { env: { ...env, KONNECT_ADDR: proxy.addr } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('No changes');
    expect(proxy.count('GET', '/v3/users')).toBe(4);
  });

  // These wait for real (each of the 6 tries takes the 1 s --timeout, with backoff between
  // them), so the three run side by side, each against its own org.
  it('an answer that never starts, one whose body never ends, one cut off: six tries each, then a sentence', { timeout: 90_000 }, async () => {
    const cases: [Answer, string][] = [
      [{ hang: 'headers' }, 'the request timed out'],
      [{ hang: 'body' }, 'the request timed out'],
      [{ cut: 40 }, 'the connection was reset'],
    ];
    await Promise.all(
      cases.map(async ([answer, says]) => {
        const { org } = await seededOrg(STATE);
        const r = await attack(org, on('/v3/teams', () => answer), ['sync', '--yes', '--timeout', '1']);
        expect(r.stderr).toContain(`Error: GET /v3/teams failed: ${says} — gave up after 6 tries. Check the network and the Konnect address.`);
        expect(r.proxy.count('GET', '/v3/teams')).toBe(6);
      }),
    );
  });

  it('diff and dump refuse the same way (dump writes nothing to stdout)', async () => {
    const { org } = await seededOrg(STATE);
    const html = on('/v3/users', () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html></html>' }));
    expect((await attack(org, html, ['diff'])).stdout).toBe('');
    const proxy = await corruptingProxy(org.baseUrl, html);
    const dump = await runCli(['dump'], { env: { KONNECT_ADDR: proxy.addr, KONNECT_TOKEN: TEST_TOKEN } });
    expect(dump.code).toBe(1);
    expect(dump.stdout).toBe('');
    expect(dump.stderr).toMatch(/^Error: GET \/v3\/users answered 200 with a text\/html body where JSON belongs/);
  });
});
