import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const LIVE = `_format_version: "1.0"
control_planes: [{ name: prod, region: us }]
teams: [{ name: Platform, description: Old }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: bo@example.com, full_name: Bo, teams: [Platform] }
`;
const DESIRED = `_format_version: "1.0"
teams:
  - name: Platform
    description: Platform engineering
    roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [Platform] }
`;

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

const validatePlan = new Ajv({ strict: true }).compile(planSchema);

describe('orgdeck diff', () => {
  it('exits 0 with drift by default, 2 with --non-zero-exit-code', async () => {
    const { env } = await seededOrg(LIVE);
    const f = file(DESIRED);
    expect((await runCli(['diff', f], { env })).code).toBe(0);
    const r = await runCli(['diff', '--non-zero-exit-code', f], { env });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Summary: 3 to add, 1 to change, 1 to remove\n$/);
  });

  it('--format json prints a plan valid against schemas/plan.schema.json, also when exiting 2, and --out writes it', async () => {
    const { env } = await seededOrg(LIVE);
    const out = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'plan.json');
    const r = await runCli(['diff', '--format', 'json', '--non-zero-exit-code', '--out', out, file(DESIRED)], { env });
    expect(r.code).toBe(2);
    const plan = JSON.parse(r.stdout);
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(plan.format_version).toBe('2.0');
    expect(plan.refusals).toEqual([]);
    expect(plan.summary).toEqual({ create: 3, update: 1, delete: 1 });
    expect(plan.changes.map((c: { op: string; kind: string; key: string }) => `${c.op} ${c.kind} ${c.key}`)).toEqual([
      'create user ana@example.com',
      'update team Platform',
      'create team-membership Platform/ana@example.com',
      'create team-role Platform/Admin/Control Planes/prod/us',
      'delete user bo@example.com',
    ]);
    expect(plan.changes[2].depends_on).toEqual(['create user ana@example.com']);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(plan);
  });

  it('--format markdown groups by person and team', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', '--format', 'markdown', file(DESIRED)], { env });
    expect(r.stdout).toContain('- `ana@example.com` will be invited and join Platform');
    expect(r.stdout).toContain('- `bo@example.com` will be removed from the organization');
    expect(r.stdout).toContain('- `Platform` will have description changed from "Old" to "Platform engineering" and get Admin on Control Planes prod (us)');
  });

  it('colours only on a terminal, and never with NO_COLOR', async () => {
    const { env } = await seededOrg(LIVE);
    const f = file(DESIRED);
    expect((await runCli(['diff', f], { env, isTTY: true })).stdout).toContain('\u001b[32m');
    expect((await runCli(['diff', f], { env: { ...env, NO_COLOR: '1' }, isTTY: true })).stdout).not.toContain('\u001b[');
    expect((await runCli(['diff', f], { env })).stdout).not.toContain('\u001b[');
  });

  it('rejects an unknown --format and a missing token with exit 1 and a sentence', async () => {
    const { env } = await seededOrg(LIVE);
    const bad = await runCli(['diff', '--format', 'yaml', file(DESIRED)], { env });
    expect(bad).toMatchObject({ code: 1, stderr: 'Error: --format takes text, json or markdown, not "yaml".\n' });
    const noToken = await runCli(['diff', file(DESIRED)], { env: { KONNECT_ADDR: env.KONNECT_ADDR } });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/^Error: No Konnect token\. Set KONNECT_TOKEN/);
  });

  it('refuses plain http to a non-loopback host before sending anything', async () => {
    const r = await runCli(['diff', '--konnect-addr', 'http://konnect.example.com/{region}', file(DESIRED)], { env: { KONNECT_TOKEN: 'x' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Refusing plain http:// to konnect.example.com');
  });

  it('a missing or broken state file is reported before a missing token (no "No Konnect token" for a typo in the path)', async () => {
    for (const cmd of [['diff'], ['sync', '--yes'], ['diff', '--base', 'HEAD']]) {
      const missing = await runCli([...cmd, '/nonexistent/org.yaml'], { env: {} });
      expect(missing.stderr, cmd.join(' ')).toContain('Cannot read "/nonexistent/org.yaml"');
      const broken = await runCli([...cmd, file('_format_version: "1.0"\nusers:\n  - email: 12\n')], { env: {} });
      expect(broken.stderr, cmd.join(' ')).not.toContain('No Konnect token');
      expect(broken.code).toBe(1);
    }
  });

  it('an address without its scheme says what it must start with (localhost:8080 is not a scheme)', async () => {
    for (const addr of ['localhost:8080/{region}', 'ftp://konnect.example.com/{region}']) {
      const r = await runCli(['diff', '--konnect-addr', addr, file(DESIRED)], { env: { KONNECT_TOKEN: 'x' } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`The Konnect address "${addr}" must start with https:// (or http:// to a loopback address, for a local org), not "${addr.split(':')[0]}:". Use e.g. https://{region}.api.konghq.com`);
    }
  });

  it('a 401 says which token is needed', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', file(DESIRED)], { env: { ...env, KONNECT_TOKEN: 'kpat_wrong' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/401 Unauthenticated.*konnect:trace:\d+.*The token from KONNECT_TOKEN was refused/);
  });
});

describe('orgdeck sync', () => {
  it('--dry-run prints the plan and changes nothing', async () => {
    const { env, org } = await seededOrg(LIVE);
    const before = org.snapshot();
    const r = await runCli(['sync', '--dry-run', file(DESIRED)], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('invite user ana@example.com');
    expect(org.snapshot()).toEqual(before);
  });

  it('--no-deletes applies creates and updates only and says what it left', async () => {
    const { env } = await seededOrg(LIVE);
    const f = file(DESIRED);
    const r = await runCli(['sync', '--yes', '--no-deletes', f], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('--no-deletes: left 1 deletion in place');
    const after = await runCli(['diff', f], { env });
    expect(after.stdout).toBe(
      'delete user bo@example.com\npending: ana@example.com has been invited and has not accepted yet (invited today)\nSummary: 0 to add, 0 to change, 1 to remove\n',
    );
  });

  it('asks before deleting on a terminal, and changes nothing when the answer is no', async () => {
    const { env, org } = await seededOrg(LIVE);
    const before = org.snapshot();
    const r = await runCli(['sync', file(DESIRED)], { env, isTTY: true, answer: false });
    expect(r.questions).toEqual(['Apply 5 changes, 1 of them deletions?']);
    expect(r.stdout).toContain('invite user ana@example.com');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Nothing was changed.\n');
    expect(org.snapshot()).toEqual(before);
  });

  it('asks before any change on a terminal, not only deletions, and applies on yes', async () => {
    const { env, org } = await seededOrg(LIVE);
    const addOnly = file(`${DESIRED}  - { email: bo@example.com, full_name: Bo, teams: [Platform] }\n`);
    const before = org.snapshot();
    const no = await runCli(['sync', addOnly], { env, isTTY: true, answer: false });
    expect(no.questions).toEqual(['Apply 4 changes?']);
    expect(no.stdout).toContain('Summary: 3 to add, 1 to change, 0 to remove');
    expect(no.code).toBe(1);
    expect(org.snapshot()).toEqual(before);
    const yes = await runCli(['sync', addOnly], { env, isTTY: true, answer: true });
    expect(yes.questions).toEqual(['Apply 4 changes?']);
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stdout).toContain('[4/4]');
    const withYes = await runCli(['sync', '--yes', addOnly], { env, isTTY: true, answer: false });
    expect(withYes.questions).toEqual([]);
  });

  it('without a terminal, any change needs --yes: the plan is shown and nothing is written', async () => {
    const { env, org } = await seededOrg(LIVE);
    const addOnly = file(`${DESIRED}  - { email: bo@example.com, full_name: Bo, teams: [Platform] }\n`);
    org.clearRequestLog();
    const r = await runCli(['sync', addOnly], { env });
    expect(r.code).toBe(1);
    expect(r.questions).toEqual([]);
    expect(r.stdout).toContain('invite user ana@example.com');
    expect(r.stderr).toBe('The plan makes 4 changes, and there is no terminal to confirm on. Review it above (or with orgdeck diff), then re-run with --yes to apply it.\n');
    expect(org.requestLog().filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('a plan with nothing to do needs no --yes and asks nothing', async () => {
    const { env } = await seededOrg(LIVE);
    const same = file(LIVE.replace(/control_planes.*\n/, ''));
    const r = await runCli(['sync', same], { env, isTTY: true });
    expect(r).toMatchObject({ code: 0, questions: [] });
    expect(r.stdout).toContain('No changes');
  });

  it('applies with --yes, then the diff is empty', async () => {
    const { env } = await seededOrg(LIVE);
    const f = file(DESIRED);
    const r = await runCli(['sync', '--yes', f], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('[5/5]');
    expect((await runCli(['diff', '--non-zero-exit-code', f], { env })).code).toBe(0);
  });

  it('an invalid file makes no API request at all', async () => {
    const { env, org } = await seededOrg(LIVE);
    org.clearRequestLog();
    const r = await runCli(['sync', '--yes', file('_format_version: "1.0"\nusers: [{ email: nope }]\n')], { env });
    expect(r.code).toBe(1);
    expect(org.requestLog()).toEqual([]);
  });
});

describe('refused plans exit 3 and change nothing', () => {
  it('a team name Konnect holds twice', async () => {
    const { env, org } = await seededOrg(LIVE);
    const res = await fetch(`${org.baseUrl}/global/v3/teams`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.KONNECT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Platform' }),
    });
    expect(res.status).toBe(201);
    const before = org.snapshot();
    const r = await runCli(['sync', '--yes', file(DESIRED)], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^Refused: nothing was changed\.\n {2}- Konnect has 2 teams named "Platform" \(ids [0-9a-f-]+, [0-9a-f-]+\)/);
    expect(org.snapshot()).toEqual(before);
  });

  it('mass deletion, unless --force', async () => {
    const users = Array.from({ length: 11 }, (_, i) => `  - { email: u${i}@example.com }`).join('\n');
    const { env, org } = await seededOrg(`_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n${users}\n`);
    const keepOwner = file('_format_version: "1.0"\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n');
    const before = org.snapshot();
    const r = await runCli(['sync', '--yes', keepOwner], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('The plan deletes 11 of 12 users (91.7%), over the 25% limit for mass deletion (more than 3; _info.guards sets both). 11 people would lose access, 11 of them all of it.');
    expect(r.stderr).toContain('--force');
    expect(org.snapshot()).toEqual(before);
    const forced = await runCli(['sync', '--yes', '--force', keepOwner], { env });
    expect(forced.code, forced.stderr).toBe(0);
  });
});

describe('unlisted_users: ignore', () => {
  it('deleting a team that has unlisted members needs --force', async () => {
    const { env } = await seededOrg(`_format_version: "1.0"
teams: [{ name: Old }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: contractor@example.com, teams: [Old] }
`);
    const f = file('_format_version: "1.0"\n_info: { unlisted_users: ignore }\nteams: []\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n');
    const r = await runCli(['sync', '--yes', f], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('The plan deletes team Old, which also removes 1 member the file leaves alone (unlisted_users: ignore): contractor@example.com. Declare the team to keep it, or re-run with --force.');
    expect((await runCli(['sync', '--yes', '--force', f], { env })).code).toBe(0);
  });
});

describe('sync --dry-run for review', () => {
  it('takes --format and --out like diff, and shows a refused plan before exiting 3', async () => {
    const users = Array.from({ length: 11 }, (_, i) => `  - { email: u${i}@example.com }`).join('\n');
    const { env } = await seededOrg(`_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n${users}\n`);
    const keepOwner = file('_format_version: "1.0"\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n');
    const out = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'plan.json');
    const r = await runCli(['sync', '--dry-run', '--format', 'json', '--out', out, keepOwner], { env });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).summary).toEqual({ create: 0, update: 0, delete: 11 });
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.delete).toBe(11);
    expect(r.stderr).toContain('over the 25% limit');
    const diff = await runCli(['diff', keepOwner], { env });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('Sync would refuse this plan (exit 3) and change nothing:\n  - The plan deletes 11 of 12 users');
    const misuse = await runCli(['sync', '--format', 'json', keepOwner], { env });
    expect(misuse).toMatchObject({ code: 1, stderr: expect.stringContaining('--format json goes with --dry-run') });
  });

  it('keeps stdout clean for a redirected JSON plan when the file is invalid', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', '--format', 'json', file('_format_version: "1.0"\nusers: [{ email: nope }]\n')], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('/users/0/email');
  });
});

describe('SSO with IdP team mapping', () => {
  const SSO = (konnectMapping: boolean) => `_format_version: "1.0"
authentication_settings: { oidc_auth_enabled: true, idp_mapping_enabled: true, konnect_mapping_enabled: ${konnectMapping} }
users: [{ email: owner@example.com, teams: [Organization Admin] }, { email: bo@example.com, teams: [Portal Admin] }]
`;
  const DESIRED_SSO = file(`_format_version: "1.0"
users:
  - email: owner@example.com
    teams: [Organization Admin, Analytics Viewer]
    roles: [{ role: Viewer, entity_type: Control Planes, entity: "*", region: "*" }]
  - email: bo@example.com
`);

  it('leaves users\' membership to the IdP, says so once with the count, and syncs the grants (exit 0, no --force)', async () => {
    const { org, env } = await seededOrg(SSO(false));
    const json = await runCli(['diff', '--format', 'json', DESIRED_SSO], { env });
    const plan = JSON.parse(json.stdout);
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(plan.changes.map((c: { kind: string }) => c.kind)).toEqual(['user-role']);
    expect(plan.notes).toEqual([expect.objectContaining({ topic: 'idp-membership', count: 2 })]);
    const md = await runCli(['diff', '--format', 'markdown', DESIRED_SSO], { env });
    expect(md.stdout).toContain('**Note:** Team membership of users follows your identity provider');
    expect(json.stderr).toBe('');

    const r = await runCli(['sync', '--yes', DESIRED_SSO], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout.match(/leaves 2 membership differences/g)).toHaveLength(1);
    const data = org.snapshot();
    const teamOf = (email: string) => {
      const id = data.users.find((u) => u.email === email)!.id;
      return data.team_users.filter((m) => m.user_id === id).map((m) => data.teams.find((t) => t.id === m.team_id)!.name);
    };
    expect(teamOf('owner@example.com')).toEqual(['Organization Admin']);
    expect(teamOf('bo@example.com')).toEqual(['Portal Admin']);
    expect(data.assigned_roles.filter((a) => a.principal_kind === 'user')).toHaveLength(1);
    const again = await runCli(['diff', DESIRED_SSO], { env });
    expect(again.stdout).toContain('No changes');
    expect(again.stdout).toContain('leaves 2 membership differences');
  });

  it('with Konnect mapping on, membership is orgdeck\'s again: no note, membership changes planned', async () => {
    const { env } = await seededOrg(SSO(true));
    const plan = JSON.parse((await runCli(['diff', '--format', 'json', DESIRED_SSO], { env })).stdout);
    expect(plan.notes).toBeUndefined();
    expect(plan.changes.filter((c: { kind: string }) => c.kind === 'team-membership')).toHaveLength(2);
  });
});
