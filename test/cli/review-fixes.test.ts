/**
 * What a user's review of issues 20, 21 and 24 found, end to end: a report that would overwrite
 * the state file it reads, a format its file name contradicts, an empty --base, explain given a
 * system account's name, renamed_from naming a predefined team, and validate --online claiming
 * more than it checked.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const STATE = `_format_version: "1.0"
users:
  - { email: ana@example.com, teams: [] }
`;

function stateFile(name = 'org.yaml'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-review-')), name);
  writeFileSync(file, STATE);
  return file;
}

describe('what the review found', () => {
  it('report refuses to write over a state file it reads', async () => {
    const file = stateFile();
    const r = await runCli(['report', file, '-o', file, '--yes'], { env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is also a state file the report reads: it would be replaced by the report. Write the report to another file.');
    expect(readFileSync(file, 'utf8')).toBe(STATE);
  });

  it('report refuses a format its output file name contradicts, and a file name of no format it writes', async () => {
    const file = stateFile();
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-review-out-'));
    const clash = await runCli(['report', file, '--format', 'csv', '-o', join(dir, 'r.json')], { env: {} });
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain("the file's name says json. Make them agree.");
    const xlsx = await runCli(['report', file, '-o', join(dir, 'r.xlsx')], { env: {} });
    expect(xlsx.code).toBe(1);
    expect(xlsx.stderr).toContain('".xlsx" is none of them. Name the file .html, .csv or .json, or give --format.');
    const ok = await runCli(['report', file, '--format', 'csv', '-o', join(dir, 'access.txt')], { env: {} });
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(dir, 'access.txt'), 'utf8').split('\n')[0]).toContain('principal');
  });

  it('diff refuses an empty --base instead of quietly reading everything', async () => {
    const r = await runCli(['diff', stateFile(), '--base', ''], { env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--base needs a git revision (origin/main, HEAD~1) or a state file or folder; it was given an empty value.');
  });

  it('explain says it takes an email when given something else', async () => {
    const r = await runCli(['explain', 'ci-bot', stateFile()], { env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('explain takes a person\'s email, and "ci-bot" is not one');
  });

  it('explain given a system account\'s name says so; given a name it does not know, names both places', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-explain-sa-'));
    const file = join(dir, 'org.yaml');
    writeFileSync(file, '_format_version: "1.0"\nsystem_accounts:\n  - name: ci-deployer\nusers: []\n');
    const bot = await runCli(['explain', 'ci-deployer', file], { env: {} });
    expect(bot.stderr).toContain('"ci-deployer" is not one (it is a system account: a system account\'s access is in orgdeck report)');
    const typo = await runCli(['explain', 'ana', file], { env: {} });
    expect(typo.stderr).toContain('"ana" is not one (a team\'s or a system account\'s access is in orgdeck report)');
  });

  it('explain given a team\'s name says it is a team and where a team\'s access is shown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-explain-team-'));
    const file = join(dir, 'org.yaml');
    writeFileSync(file, '_format_version: "1.0"\nteams:\n  - name: Payments\nusers:\n  - { email: ana@example.com, teams: [Payments] }\n');
    const r = await runCli(['explain', 'payments', file], { env: {} });
    expect(r).toMatchObject({
      code: 1,
      stderr: 'Error: explain takes a person\'s email, and "payments" is not one (it is a team, with 1 member in the file: orgdeck report lists every access held through it, and explain one member\'s email shows theirs). Give an email, e.g. orgdeck explain ana@example.com.\n',
    });
  });

  it('refuses renamed_from naming a predefined team, at its place', async () => {
    const r = await runCli(['validate', '-'], { env: {}, stdin: `_format_version: "1.0"\nteams:\n  - name: Super\n    renamed_from: [Organization Admin]\nusers: []\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('-:4:20');
    expect(r.stderr).toContain('"Organization Admin" is one of Konnect\'s predefined teams: it cannot be renamed');
  });

  it('validate --online says what it checked, not that the file matches: diff can still find changes', async () => {
    const { env } = await seededOrg(`_format_version: "1.0"\nusers:\n  - { email: ana@example.com, full_name: Ana, teams: [] }\n`);
    const file = stateFile();
    writeFileSync(file, `_format_version: "1.0"\nusers:\n  - { email: ana@example.com, full_name: Anna, teams: [] }\n  - { email: owner@example.com, teams: [Organization Admin] }\n`);
    const v = await runCli(['validate', '--online', file], { env });
    expect(v.stdout).toContain('its names, roles and entities resolve in the organization');
    expect(v.stdout).not.toContain('matches the organization');
    const d = await runCli(['diff', '--non-zero-exit-code', file], { env });
    expect(d.code, d.stdout + d.stderr).toBe(2);
  });
});
