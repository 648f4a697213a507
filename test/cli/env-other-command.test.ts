/**
 * ORGDECK_FORMAT and ORGDECK_OUTPUT_FILE apply to every command that has the flag: a value another
 * command takes (csv for report, markdown for diff, the plan file diff writes) leaves this one at
 * its default instead of stopping it; a value no command takes is refused, naming the variable.
 * For dump, a flag on the command line picks the mode (plain or --merge-into), whatever ORGDECK_*
 * says for the other.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const LIVE = `_format_version: "1.0"
teams: [{ name: Platform }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [Platform] }
`;
const DESIRED = `_format_version: "1.0"
teams: [{ name: Platform, description: Platform engineering }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [Platform] }
`;

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'orgdeck-env-format-'));
  writeFileSync(join(dir, 'org.yaml'), DESIRED);
  return dir;
}

describe('ORGDECK_FORMAT set for another command', () => {
  it('leaves diff, sync --dry-run and explain at text when it holds a format of report or diff', async () => {
    const { env } = await seededOrg(LIVE);
    const f = join(folder(), 'org.yaml');
    const diff = await runCli(['diff', f], { env: { ...env, ORGDECK_FORMAT: 'csv' } });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('update team Platform');
    const dry = await runCli(['sync', '--dry-run', f], { env: { ...env, ORGDECK_FORMAT: 'html' } });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('update team Platform');
    const explain = await runCli(['explain', 'ana@example.com', f], { env: { ...env, ORGDECK_FORMAT: 'markdown' } });
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toContain('Access of ana@example.com');
  });

  it('is refused by name when no command takes it; on the command line the flag is refused as before', async () => {
    const f = join(folder(), 'org.yaml');
    const typo = await runCli(['diff', f], { env: { ORGDECK_FORMAT: 'jsno' } });
    expect(typo).toMatchObject({ code: 1, stderr: 'Error: ORGDECK_FORMAT is "jsno", a format no orgdeck command writes (this one takes text, json or markdown). Correct or unset the variable.\n' });
    const flag = await runCli(['diff', f, '--format', 'csv'], { env: {} });
    expect(flag).toMatchObject({ code: 1, stderr: 'Error: --format takes text, json or markdown, not "csv".\n' });
    const report = await runCli(['report', f], { env: { ORGDECK_FORMAT: 'xlsx' } });
    expect(report).toMatchObject({ code: 1, stderr: 'Error: ORGDECK_FORMAT is "xlsx", a format no orgdeck command writes (this one takes html, csv or json). Correct or unset the variable.\n' });
    const explain = await runCli(['explain', 'ana@example.com', f, '--format', 'markdown'], { env: {} });
    expect(explain).toMatchObject({ code: 1, stderr: 'Error: --format takes text or json, not "markdown".\n' });
  });

  it('sync --plan applies the plan a diff wrote with ORGDECK_OUTPUT_FILE and ORGDECK_FORMAT still set', async () => {
    const { env } = await seededOrg(LIVE);
    const dir = folder();
    const ci = { ...env, ORGDECK_OUTPUT_FILE: join(dir, '..', `${dir.split('/').pop()}-plan.json`), ORGDECK_FORMAT: 'markdown' };
    const diff = await runCli(['diff', join(dir, 'org.yaml')], { env: ci });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('### orgdeck plan');
    const sync = await runCli(['sync', '--plan', ci.ORGDECK_OUTPUT_FILE, '--yes'], { env: ci });
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain('update team Platform: done');
  });
});

describe('ORGDECK_* of the other mode of dump', () => {
  it('dump --merge-into merges with ORGDECK_SELECT_TEAM_LABELS and ORGDECK_OUTPUT_FILE set for a plain dump', async () => {
    const { env } = await seededOrg(LIVE);
    const dir = folder();
    const elsewhere = join(dir, '..', `${dir.split('/').pop()}-dump.yaml`);
    const r = await runCli(['dump', '--merge-into', join(dir, 'org.yaml'), '--yes'], { env: { ...env, ORGDECK_SELECT_TEAM_LABELS: 'team=payments', ORGDECK_OUTPUT_FILE: elsewhere } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('merged: ');
    expect(readFileSync(join(dir, 'org.yaml'), 'utf8')).not.toContain('Platform engineering');
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('dump -o writes a plain dump with ORGDECK_MERGE_INTO set, and leaves that file alone', async () => {
    const { env } = await seededOrg(LIVE);
    const dir = folder();
    const out = join(dir, 'fresh.yml');
    const r = await runCli(['dump', '-o', out], { env: { ...env, ORGDECK_MERGE_INTO: join(dir, 'org.yaml') } });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('owner@example.com');
    expect(readFileSync(join(dir, 'org.yaml'), 'utf8')).toBe(DESIRED);
  });
});
