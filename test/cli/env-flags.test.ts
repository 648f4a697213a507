/**
 * Every flag from the environment: ORGDECK_<FLAG> sets it, a flag on the command line wins, and
 * --help names the variable beside every flag. Read from the run's io.env, not process.env.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../cmd/program.js';
import { captureIo, runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

const LIVE = `_format_version: "1.0"
teams: [{ name: Platform }, { name: Legacy }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
`;
const DESIRED = `_format_version: "1.0"
teams: [{ name: Platform, description: Platform engineering }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
`;

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-env-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

describe('ORGDECK_* variables', () => {
  it('set a flag: ORGDECK_FORMAT=json makes diff print JSON', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', file(DESIRED)], { env: { ...env, ORGDECK_FORMAT: 'json' } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).changes.length).toBeGreaterThan(0);
  });

  it('lose to the same flag on the command line', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', '--format', 'text', file(DESIRED)], { env: { ...env, ORGDECK_FORMAT: 'json' } });
    expect(r.code, r.stderr).toBe(0);
    expect(() => JSON.parse(r.stdout)).toThrow();
    expect(r.stdout).toContain('Platform');
  });

  it('switch boolean flags with 1/true and 0/false, and refuse other values with a sentence', async () => {
    const { org, env } = await seededOrg(LIVE);
    const f = file(DESIRED);
    // ORGDECK_NO_DELETES=1 is --no-deletes: the team Legacy stays.
    const kept = await runCli(['sync', '--yes', f], { env: { ...env, ORGDECK_NO_DELETES: '1' } });
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('--no-deletes: left 1 deletion in place');
    expect(org.snapshot().teams.map((t) => t.name)).toContain('Legacy');
    // 0 is off (commander alone would take any value as on).
    const dry = await runCli(['sync', f], { env: { ...env, ORGDECK_DRY_RUN: '0', ORGDECK_YES: 'true' } });
    expect(dry.code, dry.stderr).toBe(0);
    expect(org.snapshot().teams.map((t) => t.name)).not.toContain('Legacy');
    const bad = await runCli(['diff', f], { env: { ...env, ORGDECK_QUIET: 'yes please' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('ORGDECK_QUIET is a switch: set it to 1 or true (on), or 0 or false (off), not "yes please".');
  });

  it('set the program-wide flags too (ORGDECK_NO_COLOR)', async () => {
    const { env } = await seededOrg(LIVE);
    const coloured = await runCli(['diff', file(DESIRED)], { env: { ...env, FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\u001b[');
    const plain = await runCli(['diff', file(DESIRED)], { env: { ...env, FORCE_COLOR: '1', ORGDECK_NO_COLOR: 'true' } });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('come before KONNECT_*: ORGDECK_KONNECT_ADDR wins over KONNECT_ADDR, a flag over both', async () => {
    const { env } = await seededOrg(LIVE);
    const dead = 'http://127.0.0.1:9/{region}';
    const r = await runCli(['diff', '--timeout', '2', file(DESIRED)], { env: { KONNECT_TOKEN: TEST_TOKEN, KONNECT_ADDR: dead, ORGDECK_KONNECT_ADDR: env.KONNECT_ADDR } });
    expect(r.code, r.stderr).toBe(0);
    const flag = await runCli(['diff', '--konnect-addr', env.KONNECT_ADDR!, file(DESIRED)], { env: { KONNECT_TOKEN: TEST_TOKEN, ORGDECK_KONNECT_ADDR: dead } });
    expect(flag.code, flag.stderr).toBe(0);
    // A token from ORGDECK_KONNECT_TOKEN is redacted like any other.
    const t = await runCli(['diff', file(DESIRED)], { env: { KONNECT_ADDR: env.KONNECT_ADDR, KONNECT_TOKEN: 'kpat_wrong', ORGDECK_KONNECT_TOKEN: TEST_TOKEN } });
    expect(t.code, t.stderr).toBe(0);
    // A token file on the command line beats a token from ORGDECK_KONNECT_TOKEN.
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'orgdeck-env-')), 'token');
    writeFileSync(tokenFile, `${TEST_TOKEN}\n`);
    const f = await runCli(['diff', '--konnect-token-file', tokenFile, file(DESIRED)], { env: { KONNECT_ADDR: env.KONNECT_ADDR, ORGDECK_KONNECT_TOKEN: 'kpat_wrong' } });
    expect(f.code, f.stderr).toBe(0);
    // A refused token names the variable it came from, never the token.
    const bad = await runCli(['diff', file(DESIRED)], { env: { KONNECT_ADDR: env.KONNECT_ADDR, ORGDECK_KONNECT_TOKEN: 'kpat_bad token' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('The token from ORGDECK_KONNECT_TOKEN has a space at character 9');
  });

  it("come from the run's env, not process.env (which commander reads)", async () => {
    const { env } = await seededOrg(LIVE);
    process.env.ORGDECK_FORMAT = 'json';
    try {
      const r = await runCli(['diff', file(DESIRED)], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(() => JSON.parse(r.stdout)).toThrow();
    } finally {
      delete process.env.ORGDECK_FORMAT;
    }
  });

  it('are named in --help beside every visible flag of every command', async () => {
    const program = await buildProgram(captureIo().io, { code: 0 });
    const missing: string[] = [];
    for (const cmd of [program, ...program.commands] as Command[]) {
      const help = cmd.helpInformation().replace(/\s+/g, ' ');
      for (const o of cmd.options) {
        if (o.hidden || o.long === '--version') continue;
        const name = `ORGDECK_${o.long!.slice(2).replaceAll('-', '_').toUpperCase()}`;
        if (!help.includes(`env: ${name}`)) missing.push(`${cmd.name()} ${o.long}`);
      }
    }
    expect(missing).toEqual([]);
    expect(program.commands.find((c) => c.name() === 'diff')!.helpInformation().replace(/\s+/g, ' ')).toContain('env: ORGDECK_PARALLELISM');
  });

  it('are checked like the flag: ORGDECK_PARALLELISM=0 names the variable and the range', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', file(DESIRED)], { env: { ...env, ORGDECK_PARALLELISM: '0' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--parallelism (or ORGDECK_PARALLELISM) takes a whole number of requests from 1 to 64, not "0".');
  });
});

describe('ORGDECK_* meant for another mode of the same command', () => {
  it('ORGDECK_FORMAT=json (for diff) and ORGDECK_MAX_DELETION_PERCENT (for sync --plan) do not make a plain sync refuse to run', async () => {
    const { env } = await seededOrg(LIVE);
    const f = file(DESIRED);
    const r = await runCli(['sync', '--yes', '--force', f], { env: { ...env, ORGDECK_FORMAT: 'json', ORGDECK_MAX_DELETION_PERCENT: '40' } });
    expect(r.stderr).not.toMatch(/goes with/);
    expect(r.code, r.stderr).toBe(0);
    // The same values on the command line are still refused there.
    const cli = await runCli(['sync', '--yes', '--format', 'json', f], { env });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/--format json goes with --dry-run/);
  });
});
