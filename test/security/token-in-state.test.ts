/**
 * The token passed as ORGDECK_KONNECT_TOKEN (every flag has its ORGDECK_ variable) must not
 * reach a message or Konnect through `${{ env "…" }}` in a state file, which a pull request
 * writes: such variables are refused, and the token is a secret from the start of the run,
 * before validate or diff load the file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';
import { type RecordingProxy, startRecordingProxy } from '../support/recording-proxy.js';

const BODY = TEST_TOKEN.replace(/^kpat_/, '');
const SEED = '_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n';

function file(text: string, name = 'org.yaml'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-token-in-state-')), name);
  writeFileSync(path, text);
  return path;
}

/** A state file whose only mistake, a user's undeclared team, quotes what `ref` substitutes. */
const teamFrom = (ref: string) => `_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: ['x\${{ env "${ref}" }}'] }\n`;

function expectNoToken(out: string): void {
  expect(out).not.toContain(TEST_TOKEN);
  expect(out.toLowerCase()).not.toContain(BODY.toLowerCase());
}

const refusal = (name: string) => `Environment variable ${name} cannot be used: its name says it holds a credential`;

const proxies: RecordingProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.stop()));
});

describe('a state file naming a credential variable', () => {
  it('validate refuses ORGDECK_KONNECT_TOKEN at its line and column, and never prints the token', async () => {
    const path = file(teamFrom('ORGDECK_KONNECT_TOKEN'));
    const r = await runCli(['validate', path], { env: { ORGDECK_KONNECT_TOKEN: TEST_TOKEN } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path}:3:41  /users/0/teams/0  ${refusal('ORGDECK_KONNECT_TOKEN')}`);
    expectNoToken(r.stdout + r.stderr);
  });

  it('diff refuses it too, with the token given as ORGDECK_KONNECT_TOKEN', async () => {
    const { org } = await seededOrg(SEED);
    const path = file(teamFrom('ORGDECK_KONNECT_TOKEN'));
    const r = await runCli(['diff', '--quiet', path], { env: { KONNECT_ADDR: org.addr, ORGDECK_KONNECT_TOKEN: TEST_TOKEN } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(refusal('ORGDECK_KONNECT_TOKEN'));
    expectNoToken(r.stdout + r.stderr);
  });

  it('refuses ORGDECK_KONNECT_TOKEN_FILE and any name with TOKEN, SECRET, PASSWORD or KEY', async () => {
    const names = ['ORGDECK_KONNECT_TOKEN_FILE', 'ORGDECK_API_KEY', 'ORGDECK_DB_PASSWORD', 'ORGDECK_CLIENT_SECRET', 'ORGDECK_my_token'];
    const env = Object.fromEntries(names.map((n) => [n, TEST_TOKEN]));
    for (const name of names) {
      const r = await runCli(['validate', file(teamFrom(name))], { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(refusal(name));
      expectNoToken(r.stdout + r.stderr);
    }
  });

  it('sync --yes writes nothing that carries the token to Konnect', async () => {
    const { org } = await seededOrg(SEED);
    const proxy = await startRecordingProxy(org.baseUrl);
    proxies.push(proxy);
    const path = file(`${SEED}teams:\n  - { name: Platform, description: 'Owned by \${{ env "ORGDECK_KONNECT_TOKEN" }}' }\n`);
    const r = await runCli(['sync', '--yes', '--quiet', path], { env: { KONNECT_ADDR: `${proxy.url}/{region}`, ORGDECK_KONNECT_TOKEN: TEST_TOKEN } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(refusal('ORGDECK_KONNECT_TOKEN'));
    expectNoToken(r.stdout + r.stderr);
    const writes = proxy.exchanges().filter((e) => e.method !== 'GET');
    expect(writes.filter((e) => JSON.stringify(e.body ?? '').includes(BODY))).toEqual([]);
    expect(writes).toEqual([]);
    expect(JSON.stringify(org.snapshot())).not.toContain(BODY);
  });
});

describe('the token given in the environment is a secret from the start', () => {
  // Short enough to be quoted whole (≤ 40 characters), so only redaction keeps it out.
  const SHORT = 'kpat_short0123456789';
  const undeclared = (ref: string) => `_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: ['\${{ env "${ref}" }}'] }\n`;

  it('validate, which never reads the token, redacts ORGDECK_KONNECT_TOKEN from a state-file error reached another way', async () => {
    const r = await runCli(['validate', file(undeclared('ORGDECK_TEAM'))], { env: { ORGDECK_KONNECT_TOKEN: SHORT, ORGDECK_TEAM: SHORT } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Team "[redacted]" is neither declared under teams nor a predefined team.');
    expect(r.stdout + r.stderr).not.toContain(SHORT);
  });

  it('and so for KONNECT_TOKEN and the content of ORGDECK_KONNECT_TOKEN_FILE', async () => {
    for (const env of [{ KONNECT_TOKEN: SHORT }, { ORGDECK_KONNECT_TOKEN_FILE: file(`${SHORT}\n`, 'token') }]) {
      const r = await runCli(['validate', file(undeclared('ORGDECK_TEAM'))], { env: { ...env, ORGDECK_TEAM: SHORT } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Team "[redacted]" is neither declared');
      expect(r.stdout + r.stderr).not.toContain(SHORT);
    }
  });

  it('diff, which reads the file before it connects, redacts it too, also the start of it an excerpt quotes', async () => {
    const { org } = await seededOrg(SEED);
    const r = await runCli(['diff', '--quiet', file(teamFrom('ORGDECK_TEAM'))], { env: { KONNECT_ADDR: org.addr, ORGDECK_KONNECT_TOKEN: TEST_TOKEN, ORGDECK_TEAM: TEST_TOKEN } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Team "x[redacted]…" (45 characters) is neither declared under teams nor a predefined team.');
    expectNoToken(r.stdout + r.stderr);
    expect(r.stdout + r.stderr).not.toContain(TEST_TOKEN.slice(0, 16));
  });
});
