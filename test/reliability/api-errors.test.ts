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
