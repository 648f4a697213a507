import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { loadDesiredState } from '../../src/file/load.js';
import { MAX_FILE_BYTES, sourceFromText } from '../../src/file/source.js';

/** Grants and memberships carry where they were written; compared separately. */
function stripAt<T>(state: T): T {
  return JSON.parse(JSON.stringify(state, (k, v) => (k === 'at' || k === 'teamsAt' ? undefined : v)));
}

const load = (files: Record<string, string>, env: Record<string, string> = {}) => {
  const r = loadDesiredState(Object.entries(files).map(([n, t]) => sourceFromText(n, t)), env);
  return { ...r, located: r.state, state: r.state && stripAt(r.state) };
};

describe('loadDesiredState: normalization', () => {
  it('lower-cases emails, resolves aliases and applies the default region to named entities only', () => {
    const r = load({
      'a.yaml': `_format_version: "1.0"
_info: { defaults: { region: eu } }
teams:
  - name: T
    labels: { a: b }
users:
  - email: Ana@Example.COM
    full_name: Ana
    teams: [T, Organization Admin]
    roles:
      - { role: Admin, entity_type: Runtime Groups, entity: prod }
      - { role: Viewer, entity_type: Services, entity: "*" }
      - { role: Viewer, entity_type: Control Planes, entity: 8F1D2E3C-0000-4000-8000-000000000001, region: us }
`,
    });
    expect(r.problems).toEqual([]);
    expect(r.notices.map((n) => n.message)).toEqual([
      '"Runtime Groups" is the former name of "Control Planes"; orgdeck reads it as "Control Planes". Rename it to silence this notice.',
      '"Services" is the former name of "API Products"; orgdeck reads it as "API Products". Rename it to silence this notice.',
    ]);
    expect(r.located?.users[0]?.roles.map((g) => g.at)).toEqual(['a.yaml:11:9', 'a.yaml:12:9', 'a.yaml:13:9']);
    expect(r.located?.users[0]?.teamsAt).toEqual({ T: 'a.yaml:9:13', 'Organization Admin': 'a.yaml:9:16' });
    // Only the names written are there: not what every object has (a team may be called "constructor").
    expect(r.located?.users[0]?.teamsAt?.constructor).toBeUndefined();
    expect(r.state).toEqual({
      info: { unlistedUsers: 'remove', manageTeams: true, defaultRegion: 'eu' },
      teams: [{ name: 'T', labels: { a: 'b' }, roles: [] }],
      users: [
        {
          email: 'ana@example.com',
          fullName: 'Ana',
          teams: ['T', 'Organization Admin'],
          roles: [
            { role: 'Admin', entityType: 'Control Planes', entity: 'prod', region: 'eu' },
            { role: 'Viewer', entityType: 'API Products', entity: '*', region: '*' },
            { role: 'Viewer', entityType: 'Control Planes', entity: '8f1d2e3c-0000-4000-8000-000000000001', region: 'us' },
          ],
        },
      ],
    });
  });

  it('leaves the region of a named grant open when there is no default, and "*" for a wildcard', () => {
    const r = load({
      'a.yaml': `_format_version: "1.0"
users:
  - email: a@example.com
    roles:
      - { role: Admin, entity_type: Control Planes, entity: prod }
      - { role: Admin, entity_type: Control Planes, entity: "*" }
`,
    });
    expect(r.state?.users[0]?.roles).toEqual([
      { role: 'Admin', entityType: 'Control Planes', entity: 'prod' },
      { role: 'Admin', entityType: 'Control Planes', entity: '*', region: '*' },
    ]);
  });

  it('adds select_team_labels to declared labels', () => {
    const r = load({
      'a.yaml': `_format_version: "1.0"
_info: { select_team_labels: { managed-by: orgdeck } }
teams: [{ name: A, labels: { x: y } }, { name: B }]
`,
    });
    expect(r.state?.info.selectTeamLabels).toEqual({ 'managed-by': 'orgdeck' });
    expect(r.state?.teams).toEqual([
      { name: 'A', labels: { x: 'y', 'managed-by': 'orgdeck' }, roles: [] },
      { name: 'B', roles: [] },
    ]);
  });
});

describe('loadDesiredState: merging several files', () => {
  const teams = `_format_version: "1.0"\nteams:\n  - name: Platform\n`;
  const users = `_format_version: "1.0"\nusers:\n  - email: ana@example.com\n    teams: [Platform]\n`;

  it('merges users and teams from several files; teams may be referenced across files', () => {
    const r = load({ 'teams.yaml': teams, 'users.yaml': users });
    expect(r.problems).toEqual([]);
    expect(r.state?.teams.map((t) => t.name)).toEqual(['Platform']);
    expect(r.state?.users.map((u) => u.email)).toEqual(['ana@example.com']);
  });

  it('names both places of a user or team defined twice', () => {
    const r = load({ 'a.yaml': teams + users.replace('_format_version: "1.0"\n', ''), 'b.yaml': teams + users.replace('_format_version: "1.0"\n', '') });
    expect(r.problems.map(formatProblem)).toEqual([
      'b.yaml:3:11  /teams/0/name  Team "Platform" is declared twice: here and at a.yaml:3:11. Keep one.',
      'b.yaml:5:12  /users/0/email  User ana@example.com is listed twice: here and at a.yaml:5:12 (emails compare case-insensitively). Keep one.',
    ]);
  });

  it('allows _info in one file only', () => {
    const info = `_format_version: "1.0"\n_info:\n  unlisted_users: ignore\n`;
    const r = load({ 'a.yaml': info, 'b.yaml': info });
    expect(r.problems.map(formatProblem)).toEqual([
      'b.yaml:2:1  /_info  _info is already set in a.yaml:3:3; keep it in one file only.',
    ]);
  });

  it('reports problems of every file in one run', () => {
    const r = load({ 'a.yaml': '_format_version: "1.0"\nusers: [{ email: x }]\n', 'b.yaml': 'users: {\n' });
    expect(r.problems.map((p) => p.file)).toEqual(['a.yaml', 'b.yaml']);
  });
});

describe('environment substitution', () => {
  it('substitutes ORGDECK_ variables inside string values', () => {
    const r = load(
      { 'a.yaml': `_format_version: "1.0"\nusers:\n  - email: \${{ env "ORGDECK_USER" }}@example.com\n    full_name: '\${{env "ORGDECK_NAME"}}'\n` },
      { ORGDECK_USER: 'ana', ORGDECK_NAME: 'Ana Lima' },
    );
    expect(r.problems).toEqual([]);
    expect(r.state?.users[0]).toMatchObject({ email: 'ana@example.com', fullName: 'Ana Lima' });
  });

  it('never reads variables without the ORGDECK_ prefix, even when set', () => {
    const r = load({ 'a.yaml': `_format_version: "1.0"\nteams:\n  - name: \${{ env "KONNECT_TOKEN" }}\n` }, { KONNECT_TOKEN: 'kpat_secret' });
    expect(r.state).toBeUndefined();
    expect(JSON.stringify(r)).not.toContain('kpat_secret');
    expect(r.problems[0]?.message).toContain('only variables whose names start with ORGDECK_');
  });
});

describe('hostile input is rejected cleanly and quickly', () => {
  const bad = (bytes: Uint8Array, size = bytes.length) => loadDesiredState([{ name: 'x.yaml', bytes, size }], {});

  it('a file over the cap is refused without being parsed; the cap leaves room for a 50,000-user dump', () => {
    const r = bad(new Uint8Array(), 40 * 1024 * 1024);
    expect(r.problems.map(formatProblem)).toEqual([
      'x.yaml:1:1  /  The file is 40.0 MiB; state files are limited to 32 MiB. Split it into several files in one directory.',
    ]);
    expect(MAX_FILE_BYTES).toBeGreaterThan(18 * 1024 * 1024);
  });

  it('a YAML alias bomb is refused', () => {
    const lines = ['_format_version: "1.0"', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const r = bad(new TextEncoder().encode(lines.join('\n')));
    expect(r.state).toBeUndefined();
    expect(r.problems[0]?.message).toMatch(/too many YAML aliases/);
  });

  it('non-UTF-8 bytes are located', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('_format_version: "1.0"\nteams:\n  - name: Caf'), 0xe9, 0x0a]);
    expect(bad(bytes).problems.map(formatProblem)).toEqual(['x.yaml:3:14  /  The file is not valid UTF-8 (byte 0xe9). Save it as UTF-8.']);
  });

  it('deeply nested input is refused as a schema error, not a crash', () => {
    const deep = `_format_version: "1.0"\nusers: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const r = bad(new TextEncoder().encode(deep));
    expect(r.state).toBeUndefined();
    expect(r.problems.length).toBeGreaterThan(0);
  });

  it('truncating a valid file anywhere never throws', () => {
    const text = `_format_version: "1.0"\nteams:\n  - name: "Platform"\n    labels: { a: b }\nusers:\n  - email: ana@example.com\n    teams: [Platform]\n`;
    for (let cut = 0; cut < text.length; cut++) {
      const r = bad(new TextEncoder().encode(text.slice(0, cut)));
      for (const p of r.problems) expect(p.line).toBeGreaterThan(0);
    }
  });
});

describe('_info.guards', () => {
  it('is normalized into info.guards, a missing number taking its default', () => {
    const both = load({ 'a.yaml': '_format_version: "1.0"\n_info: { guards: { max_deletion_percent: 40, deletions_always_allowed: 10 } }\n' });
    expect(both.state?.info.guards).toEqual({ maxPercent: 40, alwaysAllowed: 10 });
    const one = load({ 'a.yaml': '_format_version: "1.0"\n_info: { guards: { max_deletion_percent: 12.5 } }\n' });
    expect(one.state?.info.guards).toEqual({ maxPercent: 12.5, alwaysAllowed: 3 });
    expect(load({ 'a.yaml': '_format_version: "1.0"\n' }).state?.info.guards).toBeUndefined();
  });

  it('refuses unknown keys and numbers out of range, at their place', () => {
    const r = load({ 'a.yaml': '_format_version: "1.0"\n_info:\n  guards:\n    max_deletion_percent: 120\n    deletions_always_allowed: -1\n    max_deletions: 3\n' });
    expect(r.problems.map((p) => `${p.line}:${p.col} ${p.pointer}`)).toEqual(['4:27 /_info/guards/max_deletion_percent', '5:31 /_info/guards/deletions_always_allowed', '6:5 /_info/guards/max_deletions']);
  });
});
