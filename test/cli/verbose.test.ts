/**
 * --verbose and ORGDECK_VERBOSE: one line per request on stderr (method, host, path with query,
 * status, ms, try, trace id), above the progress line; bodies only at level 2, redacted. The
 * token never appears, on any path: answers, a 401 whose body echoes it, a network error.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeExchange, verboseAloneIsLevelOne } from '../../cmd/verbose.js';
import { Secrets } from '../../src/text/redact.js';
import { closedPort } from '../support/closed-port.js';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

const SEED = '_format_version: "1.0"\nusers:\n  - email: owner@example.com\n    teams: [Organization Admin]\n  - email: ana@example.com\n';
const LINE = /^http: GET global \/v3\/[^ ]+ → \d{3} in \d+ ms \(try \d+(, trace konnect:trace:\d+)?\)$/;
/** Not shaped like a Konnect token: only the run's own secret list can hide it. */
const PLAIN_TOKEN = 'plainTOKENnotShapedLikeKpat0123456789';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Answers 401 to everything, echoing the Authorization header and a client secret in the body. */
async function echoingServer(): Promise<string> {
  const server = createServer((req, res) => {
    res.writeHead(401, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ status: 401, title: 'Unauthenticated', detail: `bad header ${req.headers.authorization}`, instance: 'konnect:trace:42', client_secret: 'oidc-s3cret-value', seen: req.headers.authorization }));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/{region}`;
}

function stateFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-verbose-')), 'org.yaml');
  writeFileSync(path, SEED);
  return path;
}

describe('--verbose', () => {
  it('writes one line per request to stderr, and no body at level 1', async () => {
    const { org, env } = await seededOrg(SEED);
    const r = await runCli(['dump', '--verbose', '--quiet'], { env });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('http:'));
    expect(lines.length).toBe(org.requestLog().length);
    for (const line of lines) expect(line).toMatch(LINE);
    expect(lines).toContainEqual(expect.stringMatching(/^http: GET global \/v3\/users\?page\[size\]=100&page\[number\]=1 → 200 in \d+ ms \(try 1\)$/));
    expect(r.stderr).not.toContain('body');
    expect(r.stdout).not.toContain('http:');
  });

  it('is also ORGDECK_VERBOSE=1; the flag wins; --verbose before the files is level 1, not a level named by a file', async () => {
    const { env } = await seededOrg(SEED);
    const file = stateFile();
    const fromEnv = await runCli(['diff', '--quiet', file], { env: { ...env, ORGDECK_VERBOSE: '1' } });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(fromEnv.stderr).toMatch(/^http: GET global \/v3\/users\/me → 200/m);
    const beforeFile = await runCli(['diff', '--quiet', '--verbose', file], { env });
    expect(beforeFile.code, beforeFile.stderr).toBe(0);
    expect(beforeFile.stderr).toMatch(/^http: GET global \/v3\/users\/me → 200/m);
    const off = await runCli(['diff', '--quiet', '--verbose', '0', file], { env: { ...env, ORGDECK_VERBOSE: '2' } });
    expect(off.stderr).not.toContain('http:');
    const bad = await runCli(['diff', '--quiet', file], { env: { ...env, ORGDECK_VERBOSE: 'yes' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('Error: ORGDECK_VERBOSE takes 1 (a line per request) or 2 (with the bodies), not "yes".\n');
  });

  it('at level 2 shows the bodies, without the token', async () => {
    const { env } = await seededOrg(SEED);
    const r = await runCli(['ping', '--verbose', '2'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^http: GET global \/v3\/users\/me → 200 in \d+ ms \(try 1\)\nhttp: {3}response body: \{"id":"[0-9a-f-]{36}","email":"owner@example\.com"/m);
    expect(r.stdout + r.stderr).not.toContain(TEST_TOKEN);
  });

  it('draws its lines above the progress line on a terminal, never into it', async () => {
    const { env } = await seededOrg(SEED);
    const r = await runCli(['dump', '--verbose'], { env, stderrIsTTY: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('\r\u001b[2Kreading');
    // Every request line starts a line of its own: at the start, after a newline, or after the progress line was cleared.
    const starts = [...r.stderr.matchAll(/http: GET/g)].map((m) => r.stderr.slice(Math.max(0, m.index - 5), m.index));
    expect(starts.length).toBeGreaterThan(5);
    for (const before of starts) expect(before === '' || before.endsWith('\n') || before.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('never shows the token: a 401 whose body echoes it, at either level, and a client secret at level 2', async () => {
    const addr = await echoingServer();
    for (const level of ['1', '2']) {
      for (const argv of [['ping', '--verbose', level], ['dump', '--quiet', '--verbose', level]]) {
        const r = await runCli(argv, { env: { KONNECT_ADDR: addr, KONNECT_TOKEN: PLAIN_TOKEN } });
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^http: GET global \/v3\/\S+ → 401 in \d+ ms \(try 1, trace konnect:trace:42\)$/m);
        expect(r.stdout + r.stderr).not.toContain(PLAIN_TOKEN);
        expect(r.stdout + r.stderr).not.toContain('oidc-s3cret-value');
        if (level === '2') expect(r.stderr).toContain('"seen":"Bearer [redacted]"');
        else expect(r.stderr).not.toContain('body');
      }
    }
  });

  it('never shows the token on a network error', async () => {
    const port = await closedPort();
    const r = await runCli(['ping', '--verbose', '2'], { env: { KONNECT_ADDR: `http://127.0.0.1:${port}/{region}`, KONNECT_TOKEN: PLAIN_TOKEN } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^http: GET global /v3/organizations/me → no answer from 127\\.0\\.0\\.1:${port}: the connection was refused in \\d+ ms \\(try 1\\)$`, 'm'));
    expect(r.stdout + r.stderr).not.toContain(PLAIN_TOKEN);
  });
});

describe('describing an exchange', () => {
  const exchange = { method: 'POST', host: 'global' as const, path: '/v3/invites', target: '/v3/invites', hostname: 'global.api.konghq.com', attempt: 2, ms: 12.4, status: 201 };

  it('redacts secret fields and the run secrets in bodies, and cuts long ones', () => {
    const secrets = new Secrets();
    secrets.add('my-own-token-value');
    const body = JSON.stringify({ token: 'abc', nested: { client_secret: 'xyz' }, note: 'my-own-token-value', long: 'x'.repeat(5000) });
    const text = describeExchange({ ...exchange, requestBody: '{"email":"ana@example.com"}', responseBody: body }, 2, secrets);
    const [line, request, response] = text.split('\n');
    expect(line).toBe('http: POST global /v3/invites → 201 in 12 ms (try 2)');
    expect(request).toBe('http:   request body: {"email":"ana@example.com"}');
    expect(response).toMatch(/^http: {3}response body: \{"token":"\[redacted\]","nested":\{"client_secret":"\[redacted\]"\},"note":"\[redacted\]","long":"x+… \(\d+ more characters\)$/);
    expect(describeExchange({ ...exchange, responseBody: body }, 1, secrets)).toBe('http: POST global /v3/invites → 201 in 12 ms (try 2)\n');
  });

  it('reads a lone --verbose as level 1, up to a --', () => {
    expect(verboseAloneIsLevelOne(['diff', '--verbose', 'org.yaml'])).toEqual(['diff', '--verbose=1', 'org.yaml']);
    expect(verboseAloneIsLevelOne(['diff', '--verbose', '2', 'org.yaml'])).toEqual(['diff', '--verbose', '2', 'org.yaml']);
    expect(verboseAloneIsLevelOne(['dump', '--verbose'])).toEqual(['dump', '--verbose=1']);
    expect(verboseAloneIsLevelOne(['diff', '--', '--verbose'])).toEqual(['diff', '--', '--verbose']);
  });

  it('refuses a level it does not have (--verbose 3) instead of reading "3" as a state file', async () => {
    const r = await runCli(['diff', '--verbose', '3', stateFile()], { env: { KONNECT_ADDR: 'http://127.0.0.1:9/{region}', KONNECT_TOKEN: 'kpat_x' } });
    expect(r).toMatchObject({ code: 1, stderr: 'Error: --verbose takes 1 (a line per request) or 2 (with the bodies), not "3".\n' });
    const offline = await runCli(['validate', '--verbose', '3', stateFile()]);
    expect(offline).toMatchObject({ code: 1, stderr: 'Error: --verbose takes 1 (a line per request) or 2 (with the bodies), not "3".\n' });
    expect((await runCli(['validate', stateFile()], { env: { ORGDECK_VERBOSE: '2' } })).code).toBe(0);
  });
});
