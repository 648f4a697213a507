/**
 * `dump --merge-into`: a curated repository refreshed from the live org after hand edits there.
 * The before/after texts are compared line by line: only the lines whose facts changed live may
 * change, and the result diffs clean.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/local-org/index.js';
import { byHand } from '../support/by-hand.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const LIVE = `_format_version: "1.0"
control_planes: [{ name: prod, region: us }, { name: dev, region: us }]
teams:
  - name: Payments
    description: Pays
    labels: { area: payments }
    roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }]
  - { name: Payments Ops, description: On call, labels: { area: payments } }
  - { name: Search, labels: { area: search } }
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, full_name: Ana, teams: [Payments], roles: [{ role: Viewer, entity_type: Control Planes, entity: dev, region: us }] }
  - { email: bo@example.com, full_name: Bo, teams: [Payments Ops] }
  - { email: cy@example.com, full_name: Cy, teams: [Search] }
`;

const TEAMS = `# Teams of the payments area. Owned by @payments-leads.
_format_version: "1.0"
_info:
  select_team_labels:
    area: payments
  unlisted_users: ignore # the rest of the org is not ours
  guards:
    max_deletion_percent: 10
teams:
  # The squad itself.
  - name: Payments
    description: Pays
    roles:
      - role: Viewer # read-only on prod
        entity_type: Control Planes
        entity: prod
        region: us
        expires: 2099-01-31
  - name: Payments Ops
    description: \${{ env "ORGDECK_OPS_DESCRIPTION" }}
`;

const PEOPLE = `_format_version: "1.0"
users:
  # Payments lead
  - email: ana@example.com
    full_name: Ana
    teams:
      - name: Payments
        expires: 2099-06-30
    roles:
      - role: Viewer
        entity_type: Control Planes
        entity: dev
        region: us

  - email: bo@example.com
    full_name: Bo # goes by Bo
    teams: [Payments Ops]
`;


function idOf(org: LocalOrg, kind: 'teams' | 'users', name: string): string {
  const data = org.snapshot();
  return kind === 'teams' ? data.teams.find((t) => t.name === name)!.id : data.users.find((u) => u.email === name)!.id;
}

function repository(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'orgdeck-merge-')), 'org');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The lines of `before` that `after` no longer has, and the lines `after` gained, in order. */
function changedLines(before: string, after: string): { gone: string[]; came: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  // Longest common subsequence: the classic table, small files.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const gone: string[] = [];
  const came: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      came.push(b[j++]!);
    } else {
      gone.push(a[i++]!);
    }
  }
  return { gone, came };
}

describe('orgdeck dump --merge-into', () => {
  it('refreshes a curated two-file repository: only the lines that changed live change, and it diffs clean', async () => {
    const { org, env: konnect } = await seededOrg(LIVE);
    const env = { ...konnect, ORGDECK_OPS_DESCRIPTION: 'On call' };
    const dir = repository({ 'people.yaml': PEOPLE, 'teams.yaml': TEAMS });
    expect((await runCli(['diff', '--non-zero-exit-code', dir], { env })).code).toBe(0);

    // Hand edits in Konnect: a description, a membership, a grant gone; a team in scope and one
    // outside it; a person the file leaves alone.
    await byHand(org, 'PATCH', `/teams/${idOf(org, 'teams', 'Payments')}`, { description: 'Pays the bills' });
    await byHand(org, 'POST', `/teams/${idOf(org, 'teams', 'Payments')}/users`, { id: idOf(org, 'users', 'bo@example.com') });
    const anaGrant = org.snapshot().assigned_roles.find((r) => r.principal_id === idOf(org, 'users', 'ana@example.com'))!;
    await byHand(org, 'DELETE', `/users/${idOf(org, 'users', 'ana@example.com')}/assigned-roles/${anaGrant.id}`);
    await byHand(org, 'POST', '/teams', { name: 'Payments Data', labels: { area: 'payments' } });
    await byHand(org, 'POST', '/teams', { name: 'Search Two', labels: { area: 'search' } });
    await byHand(org, 'POST', '/invites', { email: 'dan@example.com' });

    const r = await runCli(['dump', '--merge-into', dir, '--yes'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('merged: 1 team added, 2 people updated, 1 team updated (2 files of 2 changed).\n');
    // Each file was replaced whole, through a hidden file beside it that is gone.
    expect(readdirSync(dir)).toEqual(['people.yaml', 'teams.yaml']);
    const teams = readFileSync(join(dir, 'teams.yaml'), 'utf8');
    const people = readFileSync(join(dir, 'people.yaml'), 'utf8');
    expect(changedLines(TEAMS, teams)).toEqual({
      gone: ['    description: Pays'],
      came: ['    description: Pays the bills', '  - name: Payments Data', '    labels:', '      area: payments'],
    });
    expect(changedLines(PEOPLE, people)).toEqual({
      gone: ['    roles:', '      - role: Viewer', '        entity_type: Control Planes', '        entity: dev', '        region: us', '    teams: [Payments Ops]'],
      came: ['    teams: [Payments Ops, Payments]'],
    });
    // What a person wrote stays: _info, comments, the env reference whose value still holds.
    expect(teams).toContain('_info:\n  select_team_labels:\n    area: payments\n  unlisted_users: ignore # the rest of the org is not ours\n  guards:\n    max_deletion_percent: 10\n');
    expect(teams).toContain('# Teams of the payments area.');
    expect(teams).toContain('description: ${{ env "ORGDECK_OPS_DESCRIPTION" }}');
    // Konnect stores no expiry: the file's expires keys of access that still holds stay as written.
    expect(teams).toContain('        region: us\n        expires: 2099-01-31\n');
    expect(people).toContain('      - name: Payments\n        expires: 2099-06-30\n');
    // New teams go at the end of the file that lists teams; none outside the scope, nobody the file leaves alone.
    expect(teams.endsWith('  - name: Payments Data\n    labels:\n      area: payments\n')).toBe(true);
    expect(teams + people).not.toMatch(/Search|dan@|cy@|owner@/);
    const diff = await runCli(['diff', '--non-zero-exit-code', dir], { env });
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
  });

  it('asks before rewriting: without --yes and no terminal it refuses, on a terminal a "no" writes nothing', async () => {
    const { org, env } = await seededOrg(LIVE);
    const dir = repository({ 'people.yaml': PEOPLE, 'teams.yaml': TEAMS });
    await byHand(org, 'PATCH', `/teams/${idOf(org, 'teams', 'Payments')}`, { description: 'Pays the bills' });
    const refused = await runCli(['dump', '--merge-into', dir], { env: { ...env, ORGDECK_OPS_DESCRIPTION: 'On call' } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`--merge-into rewrites the 2 state files under "${dir}" in place. Pass --yes`);
    const no = await runCli(['dump', '--merge-into', dir], { env: { ...env, ORGDECK_OPS_DESCRIPTION: 'On call' }, isTTY: true, answer: false });
    expect(no.code).toBe(1);
    expect(no.stderr).toBe(`Nothing was written; "${dir}" is unchanged.\n`);
    expect(readFileSync(join(dir, 'teams.yaml'), 'utf8')).toBe(TEAMS);
  });

  it('warns for each expires it removed: a team renamed by hand in Konnect takes its expiring grant and membership', async () => {
    const { org, env } = await seededOrg(LIVE);
    const dir = repository({ 'people.yaml': PEOPLE, 'teams.yaml': TEAMS });
    await byHand(org, 'PATCH', `/teams/${idOf(org, 'teams', 'Payments')}`, { name: 'Payments Core' });
    const r = await runCli(['dump', '--merge-into', dir, '--yes'], { env: { ...env, ORGDECK_OPS_DESCRIPTION: 'On call' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('Warning'))).toEqual([
      `Warning: ${join(dir, 'teams.yaml')}:14: team "Payments"'s grant of Viewer on Control Planes prod (us) (expires 2099-01-31) is gone from Konnect and was removed with its expiry; if the access came back under another name, put the expires back by hand.`,
      `Warning: ${join(dir, 'people.yaml')}:7: ana@example.com's membership of "Payments" (expires 2099-06-30) is gone from Konnect and was removed with its expiry; if the access came back under another name, put the expires back by hand.`,
    ]);
    expect(r.stderr).toContain('merged: ');
    expect(readFileSync(join(dir, 'people.yaml'), 'utf8')).not.toContain('2099-06-30');
  });

  it('says when nothing changed, and leaves the files alone', async () => {
    const { env } = await seededOrg(LIVE);
    const dir = repository({ 'people.yaml': PEOPLE, 'teams.yaml': TEAMS });
    const r = await runCli(['dump', '--merge-into', dir, '--yes'], { env: { ...env, ORGDECK_OPS_DESCRIPTION: 'On call' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`merged: nothing changed; ${dir} already matches the live organization.\n`);
    expect(readFileSync(join(dir, 'teams.yaml'), 'utf8')).toBe(TEAMS);
    expect(readFileSync(join(dir, 'people.yaml'), 'utf8')).toBe(PEOPLE);
  });

  it('refuses an invalid file, standard input, and flags that would set another scope or output, before reading the org', async () => {
    const offline = { KONNECT_ADDR: 'http://127.0.0.1:9/{region}', KONNECT_TOKEN: 'kpat_x' };
    const dir = repository({ 'org.yaml': '_format_version: "1.0"\nusers:\n  - email: 12\n' });
    const cases: [string[], string][] = [
      [['--merge-into', dir, '--yes'], 'org.yaml:3'],
      [['--merge-into', '-', '--yes'], 'not standard input'],
      [['--merge-into', dir, '-o', 'x.yaml'], 'give it or --output-file, not both'],
      [['--merge-into', dir, '--select-team-labels', 'a=b'], 'keeps the scope the files set'],
      // A missing path gets the way to a new file, not the loader's "pass - to read standard input".
      [['--merge-into', join(dir, 'new.yaml'), '--yes'], `no such file or folder to refresh. To write a new state file, run orgdeck dump -o ${join(dir, 'new.yaml')}.`],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['dump', ...args], { env: offline });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(message);
    }
  });
});
