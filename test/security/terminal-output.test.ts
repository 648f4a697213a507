/**
 * Text orgdeck prints may quote what others wrote: a key or file name in the state file, a team
 * renamed in Konnect, the organization's name, a server's body. A raw control character there
 * (ESC, CR, C1) is an instruction to the terminal or the CI log: it can erase a line, forge a
 * progress line or a GitHub `::error::` workflow command. Every such path prints it escaped.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/local-org/index.js';
import { corruptingProxy, jsonAnswer } from '../support/corrupting-proxy.js';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

/** What a forger writes: erase the line, return to its start, and print a workflow command; then a C1 CSI. */
const FORGED = '\u001b[2K\r::error::forged\u009b1A';
/** The same as a YAML double-quoted string spells it. */
const FORGED_YAML = '\\e[2K\\r::error::forged\\x9b1A';
/** ESC, CR and the C1 controls; orgdeck's own redraws are only drawn when stderr is a terminal, which these runs are not. */
const RAW_CONTROL = /[\u001b\r\u0080-\u009f]/;

function expectNoRawControls(r: { stdout: string; stderr: string }): void {
  expect(r.stdout, JSON.stringify(r.stdout)).not.toMatch(RAW_CONTROL);
  expect(r.stderr, JSON.stringify(r.stderr)).not.toMatch(RAW_CONTROL);
}

function tmp(name: string, text?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-terminal-')), name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const OWNER = '_format_version: "1.0"\nusers:\n  - email: owner@example.com\n    teams: [Organization Admin]\n';
const LIVE = `_format_version: "1.0"
teams: [{ name: Platform }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: bo@example.com, teams: [Platform] }
`;
const DESIRED = `_format_version: "1.0"
teams: [{ name: Platform, description: New }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: bo@example.com, teams: [Platform] }
`;

async function api(org: LocalOrg, method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${org.baseUrl}/global/v3${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
}

describe('control characters from others never reach the terminal raw', () => {
  it('--verbose 2: a body with ESC, CR and C1 is shown escaped', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'text/html' });
      res.end(`<html>${FORGED}</html>`);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = `http://127.0.0.1:${(server.address() as AddressInfo).port}/{region}`;
    const r = await runCli(['ping', '--verbose', '2'], { env: { KONNECT_ADDR: addr, KONNECT_TOKEN: TEST_TOKEN } });
    expect(r.code).toBe(1);
    // The body's whitespace, CR included, is collapsed to spaces; the rest is escaped.
    expect(r.stderr).toContain('response body: <html>\\x1b[2K ::error::forged\\x9b1A</html>');
    expectNoRawControls(r);
  });

  it('ping: the organization name and the email Konnect answers are shown escaped', async () => {
    const { org } = await seededOrg(OWNER);
    const proxy = await corruptingProxy(org.baseUrl, async (req, upstream) => {
      if (req.path === '/v3/organizations/me') return jsonAnswer({ ...((await upstream()).json as object), name: `Evil${FORGED}` });
      if (req.path === '/v3/users/me') return jsonAnswer({ ...((await upstream()).json as object), email: `owner${FORGED}@example.com` });
      return undefined;
    });
    const r = await runCli(['ping'], { env: { KONNECT_ADDR: proxy.addr, KONNECT_TOKEN: TEST_TOKEN } });
    expect(r.stdout).toContain('Organization: Evil\\x1b[2K\\r::error::forged\\x9b1A (');
    expect(r.stdout.toLowerCase()).toContain('token of: user owner\\x1b[2k\\r::error::forged\\x9b1a@example.com (');
    expectNoRawControls(r);
  });

  it('a state-file key with ESC and CR, at the top and in a user: each problem line is escaped', async () => {
    const file = tmp('org.yaml', `_format_version: "1.0"\n"evil${FORGED_YAML}": 1\nusers:\n  - { email: a@example.com, "x${FORGED_YAML}": 1 }\n`);
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('evil\\x1b[2K\\r::error::forged');
    expect(r.stderr).toContain('x\\x1b[2K\\r::error::forged');
    expectNoRawControls(r);
  });

  it('a file name with ESC and CR is escaped where a problem names it', async () => {
    const file = tmp(`org${FORGED}.yaml`, '_format_version: "1.0"\nbogus: 1\n');
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('org\\x1b[2K\\r::error::forged\\x9b1A.yaml:2:1');
    expectNoRawControls(r);
  });

  it('an email with a control character: the character is named escaped', async () => {
    const file = tmp('org.yaml', `_format_version: "1.0"\nusers:\n  - email: "a${FORGED_YAML}@example.com"\n`);
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('\\x1b');
    expectNoRawControls(r);
  });

  it('a usage error quoting a file name keeps its own line breaks and escapes the rest', async () => {
    const r = await runCli(['validate', `missing${FORGED}.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing\\x1b[2K\\r::error::forged\\x9b1A.yaml');
    expectNoRawControls(r);
  });

  it('sync --plan after a team was renamed in Konnect to a name with ESC and CR: the refusal is escaped', async () => {
    const { org, env } = await seededOrg(LIVE);
    const out = tmp('plan.json');
    const made = await runCli(['diff', '--out', out, tmp('org.yaml', DESIRED)], { env });
    expect(made.code, made.stderr).toBe(0);
    const platform = org.snapshot().teams.find((t) => t.name === 'Platform')!.id;
    await api(org, 'PATCH', `/teams/${platform}`, { name: `Platform${FORGED}` });
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('was renamed to "Platform\\x1b[2K\\r::error::forged\\x9b1A"');
    expectNoRawControls(r);
  });

  it('sync --plan of a plan naming another organization with ESC and CR: the refusal is escaped', async () => {
    const { env } = await seededOrg(LIVE);
    const out = tmp('plan.json');
    const made = await runCli(['diff', '--out', out, tmp('org.yaml', DESIRED)], { env });
    expect(made.code, made.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(out, 'utf8')) as { origin: { organization: { name: string } } };
    plan.origin.organization.name = `Evil${FORGED}`;
    writeFileSync(out, JSON.stringify(plan));
    const other = await seededOrg(LIVE);
    const r = await runCli(['sync', '--plan', out, '--yes'], { env: other.env });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('"Evil\\x1b[2K\\r::error::forged\\x9b1A"');
    expectNoRawControls(r);
  });

  it('diff in each format: the refusal (a warning on stderr for markdown and JSON) quotes a duplicate team name escaped', async () => {
    const { org, env } = await seededOrg(LIVE);
    const platform = org.snapshot().teams.find((t) => t.name === 'Platform')!.id;
    await api(org, 'PATCH', `/teams/${platform}`, { name: `Twin${FORGED}` });
    await api(org, 'POST', '/teams', { name: `Twin${FORGED}` });
    for (const format of ['markdown', 'json', 'text']) {
      const r = await runCli(['diff', '--format', format, tmp('org.yaml', DESIRED)], { env });
      expect(r.stderr + r.stdout).toContain('orgdeck will not guess');
      expect(r.stdout + r.stderr).toContain('Twin\\x1b[2K\\r::error::forged\\x9b1A');
      // A JSON plan on stdout is data, written exactly (JSON escapes ESC and CR; a C1 character is valid JSON).
      expectNoRawControls(format === 'json' ? { stdout: '', stderr: r.stderr } : r);
    }
  });

  it('dump --out to a file name with ESC and CR: the note naming it is escaped', async () => {
    const { env } = await seededOrg(LIVE);
    const out = tmp(`org${FORGED}.yaml`);
    const r = await runCli(['dump', '--out', out], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('org\\x1b[2K\\r::error::forged\\x9b1A.yaml');
    expectNoRawControls(r);
  });
});
