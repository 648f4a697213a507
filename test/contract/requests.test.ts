/**
 * Every HTTP request orgdeck's CLI sends, checked against Kong's OpenAPI specs. A recording
 * proxy sits between the CLI and a local org; realistic runs (dump, diff as text and JSON,
 * sync, a re-sync after an invite is accepted) over examples/ and test/scenarios/* record each
 * exchange, and each one must match its spec operation — path, method, query, body — carry
 * the token, and get a response the spec declares. Together the runs must reach every kind
 * of call orgdeck makes (REQUIRED below).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { findOperation, validateRequest, validateResponse } from '../support/openapi.js';
import { TEST_TOKEN, seededOrg } from '../support/org.js';
import { type ProxyOptions, type RecordedExchange, type RecordingProxy, startRecordingProxy } from '../support/recording-proxy.js';

const ROOT = join(import.meta.dirname, '../..');
const SCENARIOS = join(ROOT, 'test/scenarios');
const scenarios = readdirSync(SCENARIOS)
  // Scenarios that expect diff to stop (meta.yaml exit) send no writes; a meta.yaml that only pins the clock is fine.
  .filter((d) => /^\d{3}-/.test(d) && !(existsSync(join(SCENARIOS, d, 'meta.yaml')) && /^exit:/m.test(readFileSync(join(SCENARIOS, d, 'meta.yaml'), 'utf8'))))
  .sort();

/** The (method, path template) pairs the runs together must reach: every kind of call orgdeck makes. */
const REQUIRED = [
  'GET /v3/users',
  'GET /v3/users/me',
  'GET /v3/teams',
  'GET /v3/teams/{id}/users',
  'GET /v3/users/{id}/assigned-roles',
  'GET /v3/teams/{id}/assigned-roles',
  'POST /v3/invites',
  'PATCH /v3/users/{id}',
  'DELETE /v3/users/{id}',
  'POST /v3/teams',
  'PATCH /v3/teams/{id}',
  'DELETE /v3/teams/{id}',
  'POST /v3/teams/{id}/users',
  'DELETE /v3/teams/{id}/users/{id}',
  'POST /v3/users/{id}/assigned-roles',
  'DELETE /v3/users/{id}/assigned-roles/{id}',
  'POST /v3/teams/{id}/assigned-roles',
  'DELETE /v3/teams/{id}/assigned-roles/{id}',
  'GET /v3/authentication-settings',
  'GET /v3/identity-providers',
  'GET /v3/identity-providers/{id}/team-group-mappings',
  'POST /v3/identity-providers/{id}/team-group-mappings',
  'DELETE /v3/identity-providers/{id}/team-group-mappings/{id}',
  'GET /v2/control-planes',
  'GET /v2/api-products',
];

const proxies: RecordingProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.stop()));
});

/** Every exchange recorded by the runs of this file, for the coverage check at the end. */
const recorded: RecordedExchange[] = [];

/** `GET /v3/teams/{id}/users` for `GET /global/v3/teams/<uuid>/users`; `? …` when no spec serves it. */
function templateOf(x: Pick<RecordedExchange, 'method' | 'path'>): string {
  const found = findOperation(x.method, x.path);
  if (typeof found === 'string') return `${x.method} ? ${x.path}`;
  return `${x.method} ${found.spec.source.basePath}${found.template}`.replace(/\{[^}]+\}/g, '{id}');
}

function describeExchange(x: RecordedExchange): string {
  const query = x.query.length > 0 ? `?${new URLSearchParams(x.query)}` : '';
  const body = x.body === undefined ? '' : `\n    body: ${JSON.stringify(x.body)}`;
  return `${x.method} ${x.path}${query}${body}\n    → ${x.response.status} ${x.response.contentType ?? ''} ${x.response.text.slice(0, 300)}`;
}

/** What is wrong with one exchange: the request against the spec, the token, the response against the spec. */
function problemsOf(x: RecordedExchange): string[] {
  const problems = validateRequest(x.method, x.path, new URLSearchParams(x.query), x.body).map((e) => `request: ${e}`);
  if (x.headers.authorization !== `Bearer ${TEST_TOKEN}`) problems.push(`authorization header is ${JSON.stringify(x.headers.authorization)}, not the Bearer token`);
  if (x.body !== undefined && !/^application\/json\b/.test(x.headers['content-type'] ?? '')) {
    problems.push(`a body sent as ${JSON.stringify(x.headers['content-type'])}, not application/json`);
  }
  const { status, contentType, body } = x.response;
  problems.push(...validateResponse(x.method, x.path, status, contentType, body).map((e) => `response: ${e}`));
  return problems;
}

function expectConforming(exchanges: RecordedExchange[]): void {
  const report = exchanges.flatMap((x) => {
    const problems = problemsOf(x);
    return problems.length === 0 ? [] : [`${describeExchange(x)}\n  ${problems.join('\n  ')}`];
  });
  expect(report, `requests or responses outside the Konnect specs:\n${report.join('\n')}`).toEqual([]);
}

/** A local org seeded from `seedYaml`, behind a recording proxy; env points the CLI at the proxy. */
async function rig(seedYaml: string, owner?: string, proxyOptions: ProxyOptions = {}) {
  const { org } = await seededOrg(seedYaml, owner ? { owner } : {});
  const proxy = await startRecordingProxy(org.baseUrl, proxyOptions);
  proxies.push(proxy);
  const env = { KONNECT_ADDR: `${proxy.url}/{region}`, KONNECT_TOKEN: TEST_TOKEN };
  const cli = async (argv: string[], expectedCode = 0) => {
    const r = await runCli(argv, { env });
    expect(r.code, `orgdeck ${argv.join(' ')}\n${r.stdout}${r.stderr}`).toBe(expectedCode);
    return r;
  };
  /** Checks and keeps what the proxy saw. */
  const finish = () => {
    expect(proxy.failures()).toEqual([]);
    const exchanges = proxy.exchanges();
    expect(exchanges.length).toBeGreaterThan(0);
    expectConforming(exchanges);
    recorded.push(...exchanges);
    return exchanges;
  };
  return { org, proxy, cli, finish };
}

describe('orgdeck sends only requests the Konnect OpenAPI specs accept', () => {
  it('examples/org.yaml against examples/live-seed.yaml: dump, diff, sync, invite accepted, sync again', async () => {
    const { org, cli, finish } = await rig(readFileSync(join(ROOT, 'examples/live-seed.yaml'), 'utf8'), 'ana@example.com');
    const desired = join(ROOT, 'examples/org.yaml');

    const dump = await cli(['dump']);
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-contract-')), 'dump.yaml');
    writeFileSync(file, dump.stdout);
    await cli(['diff', '--non-zero-exit-code', file]);
    await cli(['diff', desired]);
    const json = await cli(['diff', '--format', 'json', desired]);
    expect(JSON.parse(json.stdout).changes.length).toBeGreaterThan(0);
    await cli(['sync', '--yes', desired]);

    // The new hire accepts her invite (not Konnect: straight to the local org), so the next
    // sync can set her names.
    const accept = await fetch(`${org.baseUrl}/_local/invites/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'hana@example.com', full_name: 'Hana Sato' }),
    });
    expect(accept.status).toBeLessThan(300);
    await cli(['sync', '--yes', desired]);
    const clean = await cli(['diff', '--non-zero-exit-code', desired]);
    expect(clean.stdout).toContain('No changes');

    finish();
  });

  for (const name of scenarios) {
    it(`scenario ${name}: dump, diff, diff --format json, sync`, async () => {
      const dir = join(SCENARIOS, name);
      const { cli, finish } = await rig(readFileSync(join(dir, 'live.yaml'), 'utf8'));
      const desired = join(dir, 'desired.yaml');
      await cli(['dump']);
      await cli(['diff', desired]);
      await cli(['diff', '--format', 'json', desired]);
      await cli(['sync', '--yes', desired]);
      expect((await cli(['diff', desired])).stdout).toContain('No changes');
      finish();
    });
  }

  it('examples again, with every first create answered 503 after it took effect: the confirming look-ups conform too', async () => {
    // Ambiguous failures make orgdeck look for what it created (GET /v3/teams?filter[name][eq],
    // GET /v3/users?filter[email][eq]) or replay an idempotent add (answered 409).
    const failed = new Set<string>();
    const ambiguous = (method: string, path: string) => {
      const kind = `${method} ${templateOf({ method, path })}`;
      if (method !== 'POST' || failed.has(kind)) return false;
      failed.add(kind);
      return true;
    };
    const { cli, finish } = await rig(readFileSync(join(ROOT, 'examples/live-seed.yaml'), 'utf8'), 'ana@example.com', { ambiguous });
    const desired = join(ROOT, 'examples/org.yaml');
    await cli(['sync', '--yes', desired]);
    expect((await cli(['diff', desired])).stdout).toContain('No changes');
    const exchanges = finish();
    expect(exchanges.filter((x) => x.injected).map(templateOf).sort()).toEqual(
      ['POST /v3/invites', 'POST /v3/teams', 'POST /v3/teams/{id}/users', 'POST /v3/users/{id}/assigned-roles', 'POST /v3/teams/{id}/assigned-roles'].sort(),
    );
    expect(exchanges.some((x) => templateOf(x) === 'GET /v3/teams' && x.query.some(([k]) => k === 'filter[name][eq]'))).toBe(true);
  });

  it('together the runs reach every kind of call orgdeck makes', () => {
    const seen = new Set(recorded.map(templateOf));
    expect(recorded.length, 'no exchanges recorded: run the whole file, not this test alone').toBeGreaterThan(0);
    expect(REQUIRED.filter((t) => !seen.has(t)), `seen: ${[...seen].sort().join(', ')}`).toEqual([]);
    // No call outside the specs slipped past (findOperation found one for each).
    expect([...seen].filter((t) => t.includes(' ? '))).toEqual([]);

    // Lists are paginated, lookups filtered; named entities are listed on a regional host.
    const lists = recorded.filter((x) => x.method === 'GET' && templateOf(x) === 'GET /v3/users');
    expect(lists.some((x) => x.query.some(([k]) => k === 'page[size]'))).toBe(true);
    expect(lists.some((x) => x.query.some(([k]) => k === 'filter[email][eq]'))).toBe(true);
    expect(recorded.some((x) => x.method === 'GET' && x.query.some(([k]) => k === 'filter[name][eq]'))).toBe(true);
    const regional = recorded.filter((x) => x.path.includes('/v2/')).map((x) => x.path.split('/')[1]);
    expect(regional.length).toBeGreaterThan(0);
    expect(regional.filter((host) => !['us', 'eu', 'au', 'me', 'in', 'sg'].includes(host!))).toEqual([]);
    expect(new Set(regional)).toContain('eu');
  });
});

describe('the contract check catches malformed requests', () => {
  const USER = '7f9fd312-a987-4628-b4c5-bb4f4fddd5f7';
  const TEAM = 'c5a0e7b2-3d1f-4a8e-9b6c-2e4f1a7d9c30';

  it('validateRequest accepts the bodies orgdeck sends and rejects a wrong field, type or format', () => {
    expect(validateRequest('POST', '/global/v3/invites', undefined, { email: 'hana@example.com' })).toEqual([]);
    expect(validateRequest('POST', '/global/v3/invites', undefined, { mail: 'hana@example.com' })).not.toEqual([]);
    expect(validateRequest('POST', '/global/v3/invites', undefined, { email: 'not an email' })).not.toEqual([]);
    expect(validateRequest('POST', `/global/v3/teams/${TEAM}/users`, undefined, { id: USER })).toEqual([]);
    expect(validateRequest('POST', `/global/v3/teams/${TEAM}/users`, undefined, { user_id: USER })).not.toEqual([]);
    expect(validateRequest('PATCH', `/global/v3/users/${USER}`, undefined, { full_name: 42 })).not.toEqual([]);
    expect(validateRequest('POST', '/global/v3/teams', undefined, { name: '' })).not.toEqual([]);
    expect(validateRequest('DELETE', `/global/v3/users/${USER}`, undefined, {})).not.toEqual([]);
    expect(validateRequest('POST', `/global/v3/users/${USER}`, undefined, {})).not.toEqual([]);
    expect(validateRequest('GET', '/global/v3/users', new URLSearchParams([['pagesize', '10']]))).not.toEqual([]);
    expect(validateRequest('GET', '/global/v2/control-planes')).not.toEqual([]);
  });

  it('a malformed request sent through the proxy is recorded as sent and reported', async () => {
    const { org, proxy } = await rig('_format_version: "1.0"\nteams: [{ name: Platform }]\n');
    const headers = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };
    await fetch(`${proxy.url}/global/v3/invites`, { method: 'POST', headers, body: JSON.stringify({ mail: 'hana@example.com' }) });
    await fetch(`${proxy.url}/global/v3/users?filter%5Bemail%5D%5Beq%5D=a%40example.com&page%5Bsize%5D=100`, { headers });
    const [invite, list] = proxy.exchanges();
    expect(invite).toMatchObject({ method: 'POST', path: '/global/v3/invites', body: { mail: 'hana@example.com' } });
    expect(problemsOf(invite!).some((p) => p.startsWith('request: '))).toBe(true);
    expect(list!.query).toEqual([
      ['filter[email][eq]', 'a@example.com'],
      ['page[size]', '100'],
    ]);
    expect(problemsOf(list!)).toEqual([]);
    // The proxy forwards unchanged: the org saw the same two requests.
    expect(org.requestLog().length).toBeGreaterThanOrEqual(2);
    expect(problemsOf({ ...list!, headers: { ...list!.headers, authorization: 'Bearer other' } })).toContain(
      'authorization header is "Bearer other", not the Bearer token',
    );
  });
});
