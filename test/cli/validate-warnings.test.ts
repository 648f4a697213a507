/**
 * `validate` warns about valid files that rarely mean what their reader expects: no `users:`
 * key, and a user listed without `teams`. Each warning is located, changes no exit code, and
 * says what diff and sync really do, which the tests below check against a local org.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const LIVE = `_format_version: "1.0"
teams: [{ name: Platform }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [Platform, Portal Admin] }
`;

const NO_USERS = 'The file has a users: key, so every user of the organization is unlisted and the plan removes them all (_info.unlisted_users defaults to remove; sync refuses while that takes the token\'s own user or the last Organization Admin). To leave people alone, set _info.unlisted_users: ignore; to mean that nobody should be in the organization, write users: [].';

describe('validate warns about a file with no users: key', () => {
  it('says every user would be removed and how to mean it or leave people alone, at the top of the file, exit 0', async () => {
    const r = await runCli(['validate', '-'], { stdin: '_format_version: "1.0"\nteams: [{ name: Platform }]\n' });
    expect(r).toMatchObject({ code: 0, stdout: '- is valid: 0 users, 1 team, 0 grants.\n' });
    expect(r.stderr).toBe(`warning: -:1:1  /  ${NO_USERS.replace('The file has a', 'The file has no')}\n`);
  });

  it('is what diff and sync do: the plan deletes every user, the token\'s too, and sync refuses it', async () => {
    const { org, env } = await seededOrg(LIVE);
    const file = '_format_version: "1.0"\nteams: [{ name: Platform }]\n';
    const diff = await runCli(['diff', '-'], { env, stdin: file });
    expect(diff.stdout).toContain('delete user ana@example.com\n');
    expect(diff.stdout).toContain('delete user owner@example.com\n');
    const sync = await runCli(['sync', '--yes', '-'], { env, stdin: file });
    expect(sync.code).toBe(3);
    expect(org.snapshot().users.map((u) => u.email).sort()).toEqual(['ana@example.com', 'owner@example.com']);
  });

  it('judges a set of files together: one users: key anywhere is enough', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-'));
    writeFileSync(join(dir, 'a.yaml'), '_format_version: "1.0"\nteams: [{ name: Platform }]\n');
    writeFileSync(join(dir, 'b.yaml'), '_format_version: "1.0"\nteams: [{ name: Payments }]\n');
    const r = await runCli(['validate', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`warning: ${join(dir, 'a.yaml')}:1:1  /  ${NO_USERS.replace('The file has a', 'None of the 2 files has a')}\n`);
    writeFileSync(join(dir, 'c.yaml'), '_format_version: "1.0"\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n');
    expect(await runCli(['validate', dir])).toMatchObject({ code: 0, stderr: '' });
  });

  it('is silent for users: [] and for _info.unlisted_users: ignore, which leaves everyone alone', async () => {
    expect(await runCli(['validate', '-'], { stdin: '_format_version: "1.0"\nusers: []\n' })).toMatchObject({ code: 0, stderr: '' });
    const ignore = '_format_version: "1.0"\n_info: { unlisted_users: ignore }\n';
    expect(await runCli(['validate', '-'], { stdin: ignore })).toMatchObject({ code: 0, stderr: '' });
    const { env } = await seededOrg(LIVE);
    expect((await runCli(['diff', '-'], { env, stdin: ignore })).stdout).toContain('No changes');
  });
});

describe('validate warns about a user listed without teams', () => {
  const FILE = `_format_version: "1.0"
teams: [{ name: Platform }]
users:
  - email: owner@example.com
    teams: [Organization Admin]
  - email: ana@example.com
    full_name: Ana
`;

  it('says sync removes them from every team, predefined ones included, at their email; exit 0', async () => {
    const r = await runCli(['validate', '-'], { stdin: FILE });
    expect(r).toMatchObject({ code: 0, stdout: '- is valid: 2 users, 1 team, 0 grants.\n' });
    expect(r.stderr).toBe('warning: -:6:12  /users/1/email  ana@example.com is listed without teams, so sync removes them from every team orgdeck manages, predefined teams such as Organization Admin included. List the teams they keep, or write teams: [] to mean none.\n');
  });

  it('is what diff does: the user leaves the custom and the predefined team', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', '-'], { env, stdin: FILE });
    expect(r.stdout).toContain('remove ana@example.com from team Platform\n');
    expect(r.stdout).toContain('remove ana@example.com from team Portal Admin\n');
  });

  it('without a teams: key, says only predefined teams are left, which is what diff does', async () => {
    const file = FILE.replace('teams: [{ name: Platform }]\n', '');
    const r = await runCli(['validate', '-'], { stdin: file });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('ana@example.com is listed without teams, so sync removes them from every predefined team, such as Organization Admin (without a teams: key, custom teams are left alone).');
    const { env } = await seededOrg(LIVE);
    const diff = await runCli(['diff', '-'], { env, stdin: file });
    expect(diff.stdout).toContain('remove ana@example.com from team Portal Admin\n');
    expect(diff.stdout).not.toContain('from team Platform');
  });

  it('is silent for teams: [], and counts the rest in one warning past ten, in validate --online too', async () => {
    expect(await runCli(['validate', '-'], { stdin: FILE.replace('full_name: Ana', 'teams: []') })).toMatchObject({ code: 0, stderr: '' });
    const many = `_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n${Array.from({ length: 13 }, (_, i) => `  - email: u${i}@example.com\n`).join('')}`;
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['validate', '--online', '-'], { env, stdin: many });
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines.every((l) => l.startsWith('warning: -:'))).toBe(true);
    expect(lines[10]).toBe('warning: -:14:12  /users/11/email  3 more users, from here on, are listed without teams and leave their teams the same way. List their teams, or write teams: [] to mean none.');
  });
});

describe('a shell-style ${NAME} in a value', () => {
  it('gets a located notice on validate and diff, since orgdeck writes it to Konnect as it stands', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-shell-var-')), 'org.yaml');
    writeFileSync(file, '_format_version: "1.0"\n_info: { unlisted_users: ignore }\nteams:\n  - name: Platform\n    description: ${PLATFORM_DESC}\n');
    const notice = `notice: ${file}:5:18  /teams/0/description  "\${PLATFORM_DESC}" is not substituted: orgdeck reads the environment only as \${{ env "ORGDECK_PLATFORM_DESC" }} (variables starting with ORGDECK_), so sync would write "\${PLATFORM_DESC}" as it stands. Write the reference that way, or rename the text.\n`;
    const r = await runCli(['validate', file], { env: { PLATFORM_DESC: 'Platform team' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(notice);
    const { env } = await seededOrg(LIVE);
    const diff = await runCli(['diff', file], { env });
    expect(diff.stderr).toContain(notice);
    expect(diff.stdout).toContain('+ description: "${PLATFORM_DESC}"');
  });
});

describe('a no-break space or another blank at either end of a value', () => {
  it('gets a located notice: YAML keeps it in the value (plain or quoted), and no one sees it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-edge-blank-')), 'org.yaml');
    // Block style, which the fast YAML path reads.
    writeFileSync(file, '_format_version: "1.0"\n_info:\n  unlisted_users: ignore\nusers:\n  - email: ana@example.com\n    full_name: Ana Lima\u00a0\n    preferred_name: "\u3000Ana"\n    teams: []\n');
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `notice: ${file}:6:16  /users/0/full_name  This text ends with the blank U+00A0 (a no-break space), which YAML keeps as part of the value, unseen. Remove it unless it is meant.\n` +
        `notice: ${file}:7:21  /users/0/preferred_name  This text starts with the blank U+3000, which YAML keeps as part of the value, unseen. Remove it unless it is meant.\n`,
    );
    // A team name's is an error already (its own sentence), not also a notice.
    writeFileSync(file, '_format_version: "1.0"\nteams:\n  - name: Payments\u00a0\n');
    const team = await runCli(['validate', file]);
    expect(team.stderr).toContain(`${file}:3:11  /teams/0/name  Team name "Payments\u00a0" ends with a space`);
    expect(team.stderr).not.toContain('notice:');
    // A blank inside a value is nobody's business.
    writeFileSync(file, '_format_version: "1.0"\n_info: { unlisted_users: ignore }\nusers:\n  - { email: ana@example.com, full_name: "Ana\u00a0Lima", teams: [] }\n');
    expect((await runCli(['validate', file])).stderr).toBe('');
  });
});
