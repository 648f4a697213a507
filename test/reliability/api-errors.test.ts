/**
 * Konnect's own error bodies (the identity spec's components.examples) become sentences with
 * the API's detail and trace id; 401 and 403 say which token and role are needed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { failingProxy } from '../support/failing-proxy.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';
import { SPEC_DIR } from '../support/openapi-load.js';

const spec = parse(readFileSync(join(SPEC_DIR, 'developer.konghq.com/api-specs/konnect/identity/v3/openapi.yaml'), 'utf8'));
const examples = spec.components.examples as Record<string, { value: Record<string, unknown> }>;

let answer: { status: number; body: Record<string, unknown> } = { status: 500, body: {} };
let server: Server;
let addr = '';

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(answer.status, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  addr = `http://127.0.0.1:${(server.address() as AddressInfo).port}/{region}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const CASES: [example: string, advice?: RegExp][] = [
  ['400-invalid-id-format'],
  ['400-systems-team-modified'],
  ['401-unauthenticated', /personal access token kpat_… or system account token spat_…/],
  ['403-permission-denied', /member of Organization Admin or hold the Identity Admin role/],
  ['403-invalid-permissions', /member of Organization Admin or hold the Identity Admin role/],
  ['404-not-found'],
  ['409-user-is-already-active'],
  ['412-precondition-failed'],
];

describe('errors from Konnect', () => {
  for (const [name, advice] of CASES) {
    it(`${name} is a sentence with the API's detail and trace id`, async () => {
      const body = examples[name]!.value;
      answer = { status: Number(body.status), body };
      const r = await runCli(['dump'], { env: { KONNECT_ADDR: addr, KONNECT_TOKEN: 'kpat_x' } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${body.status} ${body.title}`);
      if (body.detail) expect(r.stderr).toContain(String(body.detail));
      expect(r.stderr).toContain(String(body.instance));
      for (const p of (body.invalid_parameters as { field: string; reason: string }[] | undefined) ?? []) {
        expect(r.stderr).toContain(`${p.field}: ${p.reason}`);
      }
      if (advice) expect(r.stderr).toMatch(advice);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    });
  }

  it('a failed sync step names op, kind and key with the API detail and trace id; dependents are skipped', async () => {
    const { org, env } = await seededOrg('_format_version: "1.0"\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n');
    const forbidden = examples['403-permission-denied']!.value;
    // Konnect refuses invites (a token without the right role) but everything else goes through.
    const proxyAddr = await failingProxy(org.baseUrl, (method, path) => (method === 'POST' && path === '/global/v3/invites' ? { status: 403, body: forbidden } : undefined));
    const desired = '_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin, Analytics Viewer] }\n  - { email: ana@example.com, teams: [Analytics Viewer] }\n';
    const r = await runCli(['sync', '--yes', '-'], { env: { ...env, KONNECT_ADDR: proxyAddr }, stdin: desired });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`invite user ana@example.com failed: 403 Permission denied: ${forbidden.detail} (${forbidden.instance})`);
    expect(r.stdout).toContain('add ana@example.com to team Analytics Viewer: skipped, waits for "create user ana@example.com", which did not succeed');
    expect(r.stdout).toContain('add owner@example.com to team Analytics Viewer: done');
    expect(r.stdout).toContain('Done: 1 applied (0 were already in place), 1 failed, 1 skipped.');
    expect(r.stderr).toContain('run sync again');
  });
});

/** A server's words that try to take over the terminal: erase the line, return to its start, print a step that never ran. */
const FORGED = '\u001b[2K\r✓ delete user owner@example.com: done\n[9/9] \u009b2Kall good\u202e';
const FORGED_SHOWN = '\\x1b[2K\\r✓ delete user owner@example.com: done\\n[9/9] \\x9b2Kall good\\u202e';
/** Control characters a line of orgdeck's own never holds (LF ends lines; the progress line and colours are removed first). */
const FOREIGN_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('text from the server cannot drive the terminal', () => {
  it('an error detail with ESC, CSI, CR and LF is printed with them escaped, on one line', async () => {
    answer = { status: 403, body: { status: 403, title: 'Permission denied\u001b[8m', instance: 'konnect:trace:1\r', detail: FORGED } };
    const r = await runCli(['dump'], { env: { KONNECT_ADDR: addr, KONNECT_TOKEN: 'kpat_x' } });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(FOREIGN_CONTROL);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain(`403 Permission denied\\x1b[8m: ${FORGED_SHOWN} (konnect:trace:1\\r)`);
  });

  it('a failed step and the retries on the progress line show the detail escaped; the only controls left are orgdeck’s own', async () => {
    const { org, env } = await seededOrg('_format_version: "1.0"\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n');
    let outages = 0;
    const proxyAddr = await failingProxy(org.baseUrl, (method, path) => {
      if (method === 'POST' && path === '/global/v3/invites') return { status: 403, body: { status: 403, title: 'Permission denied', instance: 'konnect:trace:2', detail: FORGED } };
      if (method === 'GET' && path.startsWith('/global/v3/teams') && outages++ < 1) return { status: 503, body: { status: 503, title: 'Service Unavailable', instance: 'konnect:trace:3', detail: FORGED } };
      return undefined;
    });
    const desired = '_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n  - { email: ana@example.com }\n';
    const r = await runCli(['sync', '--yes', '-'], { env: { ...env, KONNECT_ADDR: proxyAddr, FORCE_COLOR: '1' }, stdin: desired, stderrIsTTY: true });
    expect(r.code).toBe(1);
    expect(outages).toBeGreaterThan(1);
    expect(r.stdout).toContain(`invite user ana@example.com failed: 403 Permission denied: ${FORGED_SHOWN} (konnect:trace:2)`);
    expect(r.stdout.replace(/\u001b\[\d+m/g, '')).not.toMatch(FOREIGN_CONTROL);
    expect(r.stderr).toMatch(/retrying GET \/v3\/teams\S* \(503 Service Unavailable: /);
    expect(r.stderr).toContain(`503 Service Unavailable: ${FORGED_SHOWN} (konnect:trace:3)), try 2`);
    expect(r.stderr.replaceAll('\r\u001b[2K', '')).not.toMatch(FOREIGN_CONTROL);
  });

  it('a live name with control characters is escaped in the plan text, coloured or not', async () => {
    const name = `Ops${FORGED}`;
    const { env } = await seededOrg(JSON.stringify({ _format_version: '1.0', teams: [{ name }], users: [{ email: 'owner@example.com', teams: ['Organization Admin'] }] }));
    const desired = '_format_version: "1.0"\nteams: []\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n';
    for (const colour of [{ NO_COLOR: '1' }, { FORCE_COLOR: '1' }]) {
      const r = await runCli(['diff', '-'], { env: { ...env, ...colour }, stdin: desired });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`delete team Ops${FORGED_SHOWN}`);
      expect(r.stdout.replace(/\u001b\[\d+m/g, '')).not.toMatch(FOREIGN_CONTROL);
    }
  });
});
