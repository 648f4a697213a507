/**
 * Attacks by the server (issue 9): a Konnect-compatible org behind a proxy that corrupts chosen
 * answers. The org already matches the file, so any write is a wrong write. Every attack ends in
 * exit 1, a sentence naming method, path, status and what was wrong, zero writes reaching the
 * org, no stack trace and no token; time and memory are bounded in requests.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { LocalOrg } from '../../src/local-org/index.js';
import { MAX_LIST_TOTAL, PAGE_WINDOW } from '../../src/konnect/paginate.js';
import { MAX_RESPONSE_BYTES } from '../../src/konnect/transport.js';
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

async function attack(org: LocalOrg, corrupt: Corrupt, argv = ['sync', '--yes'], token = TEST_TOKEN) {
  const proxy = await corruptingProxy(org.baseUrl, corrupt);
  org.clearRequestLog();
  const r = await runCli([...argv, file], { env: { KONNECT_ADDR: proxy.addr, KONNECT_TOKEN: token } });
  expect(r.code, r.stderr).toBe(1);
  expect(org.requestLog().filter((e) => WRITES.has(e.method))).toEqual([]);
  expect(r.stderr).not.toMatch(/\n\s+at |Internal error/);
  expect(r.stdout + r.stderr).not.toContain(token);
  expect(r.stdout + r.stderr).not.toMatch(/[ks]pat_[A-Za-z0-9]/);
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

describe('text from the server is printed, logged and written without the token', () => {
  /** Someone else's whole token: spat_ and 50 letters and digits. */
  const OTHER_TOKEN = `spat_${'0123456789abcdefXYZ'.padEnd(50, 'a')}`;
  /** A problem+json body that echoes the Authorization header, and someone else's token too. */
  const echo = (status: number) => (req: { headers: { authorization?: string } }) =>
    jsonAnswer({ status, title: 'Echo', detail: `refused ${req.headers.authorization} (also tried ${OTHER_TOKEN})`, instance: `konnect:trace:${req.headers.authorization}` }, status);

  it('401, 403 and 500 bodies echoing the Authorization header: the status and detail, never a token', { timeout: 90_000 }, async () => {
    await Promise.all(
      ([[401, '/v3/users/me'], [403, '/v3/users/me'], [500, '/v3/teams']] as const).map(async ([status, path]) => {
        const { org } = await seededOrg(STATE);
        const r = await attack(org, (req) => (req.method === 'GET' && req.path === path ? echo(status)(req) : undefined));
        expect(r.stderr).toContain(`GET ${path} failed: ${status} Echo: refused Bearer [redacted] (also tried [redacted]) (konnect:trace:Bearer [redacted])`);
      }),
    );
  });

  it('a token of any shape is redacted wherever it is echoed', async () => {
    const { org } = await seededOrg(STATE, { token: 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2lnbmF0dXJl' });
    const r = await attack(org, (req) => (req.path === '/v3/users/me' ? echo(401)(req) : undefined), ['diff'], 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2lnbmF0dXJl');
    expect(r.stderr).toContain('401 Echo: refused Bearer [redacted]');
  });

  it('echoes of the token without its prefix, upper-cased, or base64-encoded (alone, as "Bearer <token>", as ":<token>") are redacted too', async () => {
    const { org } = await seededOrg(STATE);
    const variants = (auth = '') => {
      const token = auth.replace(/^Bearer /, '');
      return [token.slice('kpat_'.length), token.toUpperCase(), Buffer.from(token).toString('base64'), Buffer.from(auth).toString('base64'), Buffer.from(`:${token}`).toString('base64url')];
    };
    const r = await attack(org, (req) => (req.path === '/v3/users/me' ? jsonAnswer({ status: 401, title: 'Echo', detail: variants(req.headers.authorization).join(' | '), instance: 'konnect:trace:7' }, 401) : undefined), ['diff']);
    expect(r.stderr).toContain(`401 Echo: ${Array(5).fill('[redacted]').join(' | ')} (konnect:trace:7)`);
    for (const v of variants(`Bearer ${TEST_TOKEN}`)) expect(r.stderr).not.toContain(v);
  });

  it('a failed write that echoes the token: the step line and the --log-file line carry none', async () => {
    const { org } = await seededOrg(STATE);
    const proxy = await corruptingProxy(org.baseUrl, (req) => (req.method === 'POST' ? echo(403)(req) : undefined));
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-hostile-'));
    const more = join(dir, 'more.yaml');
    writeFileSync(more, stringify({ _format_version: '1.0', teams: [{ name: 'Eng', description: 'Engineering' }], users: [...USERS, { email: 'new@example.com', teams: ['Eng'] }] }));
    const log = join(dir, 'sync.log');
    const r = await runCli(['sync', '--yes', '--log-file', log, more], { env: { KONNECT_ADDR: proxy.addr, KONNECT_TOKEN: TEST_TOKEN } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('invite user new@example.com failed: 403 Echo: refused Bearer [redacted] (also tried [redacted])');
    const written = readFileSync(log, 'utf8');
    expect(JSON.parse(written.split('\n')[0]!)).toMatchObject({ method: 'POST', path: '/v3/invites', status: 403, trace_id: 'konnect:trace:Bearer [redacted]' });
    for (const text of [r.stdout, r.stderr, written]) expect(text).not.toMatch(new RegExp(`${TEST_TOKEN}|spat_0123`));
  });

  it('a description that carries the token: the diff shows [redacted]; the JSON plan and the dump, which are never altered, are refused, saying where', async () => {
    const { org } = await seededOrg(STATE);
    const proxy = await corruptingProxy(org.baseUrl, on('/v3/teams', async (up) => {
      const body = (await up()).json as Json;
      for (const t of body.data) if (t.name === 'Eng') t.description = `key ${TEST_TOKEN}`;
      return jsonAnswer(body);
    }));
    const env = { KONNECT_ADDR: proxy.addr, KONNECT_TOKEN: TEST_TOKEN };
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-hostile-'));
    const [plan, dump] = [join(dir, 'plan.json'), join(dir, 'dump.yaml')];
    const diff = await runCli(['diff', '--out', plan, file], { env });
    expect(diff.stdout).toContain('- description: "key [redacted]"\n  + description: "Engineering"');
    expect(diff.code).toBe(1);
    expect(diff.stderr).toContain('Error: The plan was not written: change "update team Eng", field before.description holds a Konnect access token');
    const dumped = await runCli(['dump', '-o', dump], { env });
    expect(dumped.code).toBe(1);
    expect(dumped.stderr).toContain('Error: The dump was not written: team "Eng", field description holds a Konnect access token');
    expect(existsSync(plan) || existsSync(dump)).toBe(false);
    for (const text of [diff.stdout, diff.stderr, dumped.stdout, dumped.stderr]) expect(text).not.toContain(TEST_TOKEN);
  });

  it(`a body over ${MAX_RESPONSE_BYTES / 1024 / 1024} MB is dropped unread: a sentence, no write`, async () => {
    const { org } = await seededOrg(STATE);
    const huge = `{"meta":{"page":{"number":1,"size":100,"total":1}},"data":[{"id":"${'x'.repeat(MAX_RESPONSE_BYTES)}"}]}`;
    const r = await attack(org, on('/v3/teams', () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: huge })));
    expect(r.stderr).toContain('GET /v3/teams answered 200 with a body over 16 MB, more than any answer orgdeck reads');
  });
});

describe('cursor-paged lists (IdP team-group mappings) are bounded too', () => {
  const IDP = '5b1a7c1e-0d6a-4a52-9a43-aaaaaaaaaaaa';
  const IDP_STATE = `_format_version: "1.0"\nidentity_providers: [{ type: oidc, id: ${IDP} }]\nteams: [{ name: Platform, idp_groups: [Ops] }]\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n`;
  const MAPPINGS = `/v3/identity-providers/${IDP}/team-group-mappings`;

  async function idpAttack(page: (body: Json, n: number) => void) {
    const { org } = await seededOrg(IDP_STATE);
    const desired = join(mkdtempSync(join(tmpdir(), 'orgdeck-hostile-')), 'org.yaml');
    writeFileSync(desired, IDP_STATE.replace(/identity_providers: .*\n/, ''));
    // Our made-up cursors mean nothing to the org: every page after the first is page 1 again, edited.
    let n = 0;
    const proxy = await corruptingProxy(org.baseUrl, (req) => {
      if (req.method !== 'GET' || req.path !== MAPPINGS) return undefined;
      return edit((b) => page(b, n++))(() => fetch(`${org.baseUrl}/global${MAPPINGS}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } }).then(async (r) => ({ status: r.status, contentType: '', text: '', json: await r.json() })));
    });
    org.clearRequestLog();
    const r = await runCli(['sync', '--yes', desired], { env: { KONNECT_ADDR: proxy.addr, KONNECT_TOKEN: TEST_TOKEN } });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(org.requestLog().filter((e) => WRITES.has(e.method))).toEqual([]);
    expect(r.stderr).not.toMatch(/\n\s+at |Internal error/);
    return { ...r, pages: proxy.count('GET', MAPPINGS) };
  }

  it('a next cursor that comes back again: refused on the page that repeats it (it used to be read as the end)', async () => {
    const r = await idpAttack((b, n) => {
      b.meta.page.next = `${MAPPINGS}?page[after]=again`;
      if (n > 0) b.data = [];
    });
    expect(r.stderr).toContain(`GET ${MAPPINGS} answered 200 with a cursor (meta.page.next) it had already given, which would never end`);
    expect(r.pages).toBe(2);
  });

  it('pages that repeat a mapping: refused', async () => {
    const r = await idpAttack((b, n) => (b.meta.page.next = `${MAPPINGS}?page[after]=c${n}`));
    expect(r.stderr).toMatch(new RegExp(`GET ${MAPPINGS} answered 200 with a list that repeats the mapping [0-9a-f-]{36}`));
    expect(r.pages).toBe(2);
  });
});
