/** `renamed_from`: a team or system account renamed in the file is renamed in Konnect, keeping its id and everything on it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import type { LocalOrg } from '../../src/local-org/index.js';
import type { Plan } from '../../src/plan/types.js';
import { byHand } from '../support/by-hand.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const validatePlan = new Ajv({ strict: true }).compile(planSchema);
const IDP = '5b1a7c1e-0d6a-4a52-9a43-aaaaaaaaaaaa';

function tmp(name: string, text?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
}

const LIVE = `_format_version: "1.0"
identity_providers: [{ type: oidc, id: ${IDP} }]
control_planes: [{ name: prod, region: us }]
teams:
  - name: Payments
    description: Pays
    roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }]
    idp_groups: [payments-devs]
  - { name: Ledger, description: Books }
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [Payments] }
system_accounts:
  - { name: ci-bot, description: CI, teams: [Payments] }
`;

/** The live file with Payments renamed to `name` (and `renamed_from` when given). */
function desired(name: string, renamedFrom = '[Payments]', extra = ''): string {
  return `_format_version: "1.0"
teams:
  - name: ${name}
    renamed_from: ${renamedFrom}
    description: Pays
    roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }]
    idp_groups: [payments-devs]
  - { name: Ledger, description: Books }
${extra}users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [${name}] }
system_accounts:
  - { name: ci-bot, description: CI, teams: [${name}] }
`;
}

/** What hangs on a team: its id, members, account members, grants and IdP group mappings (by id). */
function holdings(org: LocalOrg, name: string) {
  const snap = org.snapshot();
  const team = snap.teams.find((t) => t.name === name);
  if (!team) throw new Error(`no team ${name}`);
  return {
    id: team.id,
    members: snap.team_users.filter((m) => m.team_id === team.id).map((m) => m.user_id),
    accounts: snap.team_system_accounts.filter((m) => m.team_id === team.id).map((m) => m.account_id),
    grants: snap.assigned_roles.filter((g) => g.principal_id === team.id).map((g) => g.id),
    mappings: snap.team_group_mappings.filter((m) => m.team_id === team.id).map((m) => m.id),
  };
}

const writes = (org: LocalOrg) => org.requestLog().filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);


describe('renamed_from: teams', () => {
  it('plans one rename, shown as such in text, JSON and markdown, and sync keeps the id, members, grants and mappings with one PATCH', async () => {
    const { org, env } = await seededOrg(LIVE);
    const before = holdings(org, 'Payments');
    expect(before.members.length).toBe(1);
    expect(before.accounts.length).toBe(1);
    expect(before.grants.length).toBe(1);
    expect(before.mappings.length).toBe(1);
    const path = tmp('org.yaml', desired('Payments Squad'));

    const text = await runCli(['diff', path], { env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe('rename team Payments → Payments Squad\nSummary: 0 to add, 1 to change, 0 to remove\n');

    const json = await runCli(['diff', '--format', 'json', path], { env });
    const plan = JSON.parse(json.stdout) as Plan;
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(plan.changes).toEqual([expect.objectContaining({
      op: 'update', kind: 'team', key: 'Payments Squad', team: { name: 'Payments Squad', id: before.id },
      before: { name: 'Payments', description: 'Pays' }, after: { name: 'Payments Squad', description: 'Pays' },
      preconditions: [{ fact: 'team', name: 'Payments', id: before.id, fields: { description: 'Pays' } }],
    })]);

    const markdown = await runCli(['diff', '--format', 'markdown', path], { env });
    expect(markdown.stdout).toContain('- `Payments Squad` will be renamed (rename team Payments → Payments Squad)\n');

    const logged = org.requestLog().length;
    const sync = await runCli(['sync', '--yes', path], { env });
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    expect(sync.stdout).toContain('rename team Payments → Payments Squad: done');
    expect(writes(org)).toEqual([`PATCH /global/v3/teams/${before.id}`]);
    expect(org.requestLog().length).toBeGreaterThan(logged);
    expect(holdings(org, 'Payments Squad')).toEqual(before);
    expect(org.snapshot().teams.some((t) => t.name === 'Payments')).toBe(false);

    const again = await runCli(['diff', '--non-zero-exit-code', path], { env });
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain('No changes');
    expect(again.stderr).toContain('Warning: team "Payments Squad" is in the organization and "Payments" is not: the rename is done, and its renamed_from can be removed.');
  });

  it('a rename with a new description is still one PATCH, carrying both', async () => {
    const { org, env } = await seededOrg(LIVE);
    const id = holdings(org, 'Payments').id;
    const path = tmp('org.yaml', desired('Payments Squad').replace('description: Pays', 'description: Pays out'));
    const diff = await runCli(['diff', path], { env });
    expect(diff.stdout).toBe('rename team Payments → Payments Squad\n  - description: "Pays"\n  + description: "Pays out"\nSummary: 0 to add, 1 to change, 0 to remove\n');
    const r = await runCli(['sync', '--yes', path], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(writes(org)).toEqual([`PATCH /global/v3/teams/${id}`]);
    expect(org.snapshot().teams.find((t) => t.id === id)).toMatchObject({ name: 'Payments Squad', description: 'Pays out' });
  });

  it('refuses in one sentence when both names exist', async () => {
    const { org, env } = await seededOrg(LIVE.replace('  - { name: Ledger', '  - { name: Payments Squad }\n  - { name: Ledger'));
    const r = await runCli(['sync', '--yes', tmp('org.yaml', desired('Payments Squad'))], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot rename team "Payments" to "Payments Squad": both exist in the organization; delete one, or remove renamed_from.');
    expect(writes(org)).toEqual([]);
  });

  /** A saved plan renaming Payments to Payments Squad, the team renamed by hand to `byHandName` after review, then applied. */
  async function applyAfterHandRename(byHandName: string) {
    const { org, env } = await seededOrg(LIVE);
    const id = holdings(org, 'Payments').id;
    const out = tmp('plan.json');
    const made = await runCli(['diff', '--out', out, tmp('org.yaml', desired('Payments Squad'))], { env });
    expect(made.code, made.stderr).toBe(0);
    await byHand(org, 'PATCH', `/teams/${id}`, { name: byHandName });
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    return { r, nameNow: org.snapshot().teams.find((t) => t.id === id)?.name };
  }

  it('a saved plan whose team was renamed by hand meanwhile is refused', async () => {
    const { r, nameNow } = await applyAfterHandRename('Payments Team');
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('team "Payments" (id');
    expect(r.stdout + r.stderr).toContain('was renamed to "Payments Team"');
    expect(nameNow).toBe('Payments Team');
  });

  it('a saved plan whose rename was made by hand, to the same name, is already applied', async () => {
    const { r, nameNow } = await applyAfterHandRename('Payments Squad');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('already applied: nothing to do');
    expect(nameNow).toBe('Payments Squad');
  });

  it('a saved plan that renames a team and adds a member to it applies: the new name is the plan\'s own', async () => {
    const { org, env } = await seededOrg(LIVE.replace('users:\n', 'users:\n  - { email: bo@example.com }\n'));
    const out = tmp('plan.json');
    const file = desired('Payments Squad').replace('users:\n', 'users:\n  - { email: bo@example.com, teams: [Payments Squad] }\n');
    const made = await runCli(['diff', '--out', out, tmp('org.yaml', file)], { env });
    expect(made.stdout).toContain('add bo@example.com to team Payments Squad');
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(holdings(org, 'Payments Squad').members.length).toBe(2);
  });

  it('renaming every team at once trips no deletion guard', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `Team ${i}`);
    const seed = `_format_version: "1.0"\nteams:\n${names.map((n) => `  - { name: ${n} }\n`).join('')}users:\n  - { email: owner@example.com, teams: [Organization Admin, ${names.join(', ')}] }\n`;
    const { org, env } = await seededOrg(seed);
    const ids = names.map((n) => holdings(org, n).id);
    const file = `_format_version: "1.0"\nteams:\n${names.map((n) => `  - { name: ${n} renamed, renamed_from: [${n}] }\n`).join('')}users:\n  - { email: owner@example.com, teams: [Organization Admin, ${names.map((n) => `${n} renamed`).join(', ')}] }\n`;
    const r = await runCli(['sync', '--yes', tmp('org.yaml', file)], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Done: 8 applied (0 were already in place), 0 failed, 0 skipped.');
    expect(writes(org).sort()).toEqual(ids.map((id) => `PATCH /global/v3/teams/${id}`).sort());
    expect(names.map((n) => holdings(org, `${n} renamed`).id)).toEqual(ids);
  });

  it('a case-only rename with renamed_from is a rename, not a look-alike team (validate --online, diff)', async () => {
    const { env } = await seededOrg(LIVE.replace('name: Payments\n', 'name: payments\n').replace('teams: [Payments]', 'teams: [payments]').replace('teams: [Payments]', 'teams: [payments]'));
    const path = tmp('org.yaml', desired('Payments', '[payments]'));
    const online = await runCli(['validate', '--online', path], { env });
    expect(online.code, online.stderr).toBe(0);
    const diff = await runCli(['diff', '--non-zero-exit-code', path], { env });
    expect(diff.stdout).toBe('rename team payments → Payments\nSummary: 0 to add, 1 to change, 0 to remove\n');
    expect(diff.code).toBe(2);
  });

  it('validate --online refuses a conflict and says when the rename is done', async () => {
    const { env } = await seededOrg(LIVE);
    const path = tmp('org.yaml', desired('Payments Squad'));
    const pending = await runCli(['validate', '--online', path], { env });
    expect(pending.code, pending.stderr).toBe(0);
    expect(pending.stderr).toBe('');
    expect((await runCli(['sync', '--yes', path], { env })).code).toBe(0);
    const done = await runCli(['validate', '--online', path], { env });
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/^notice: .*org\.yaml:4:5 .*team "Payments Squad" is in the organization and "Payments" is not: the rename is done, and its renamed_from can be removed\.\n$/);
    const both = await seededOrg(LIVE.replace('  - { name: Ledger', '  - { name: Payments Squad }\n  - { name: Ledger'));
    const conflict = await runCli(['validate', '--online', path], { env: both.env });
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('org.yaml:4:20');
    expect(conflict.stderr).toContain('cannot rename team "Payments" to "Payments Squad": both exist in the organization; delete one, or remove renamed_from.');
  });
});

describe('renamed_from: explain', () => {
  it('shows a renamed team\'s access as kept under its new name, not lost and gained', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['explain', 'ana@example.com', tmp('org.yaml', desired('Payments Squad'))], { env });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').map((l) => l.replace(/\s+\S*org\.yaml:\d+:\d+$/, '').trimEnd());
    expect(lines).toEqual([
      'Access of ana@example.com: 2 today, 2 after sync.',
      '  keeps  member of team Payments Squad',
      '  keeps  Viewer on Control Planes prod (us), through team Payments Squad',
      '',
    ]);
  });
});

describe('renamed_from: system accounts', () => {
  it('renames the account in place with one PATCH: same id, teams and grants', async () => {
    const seed = LIVE.replace('  - { name: ci-bot, description: CI, teams: [Payments] }', '  - { name: ci-bot, description: CI, teams: [Payments], roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }] }');
    const { org, env } = await seededOrg(seed);
    const account = () => org.snapshot().system_accounts.find((a) => a.name === 'deploy-bot' || a.name === 'ci-bot')!;
    const { id } = account();
    const grants = org.snapshot().assigned_roles.filter((g) => g.principal_id === id).map((g) => g.id);
    const file = desired('Payments').replace('    renamed_from: [Payments]\n', '').replace(
      '  - { name: ci-bot, description: CI, teams: [Payments] }',
      '  - { name: deploy-bot, renamed_from: [ci-bot], description: CI, teams: [Payments], roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }] }',
    );
    const path = tmp('org.yaml', file);
    const diff = await runCli(['diff', path], { env });
    expect(diff.stdout).toBe('rename system account ci-bot → deploy-bot\nSummary: 0 to add, 1 to change, 0 to remove\n');
    const r = await runCli(['sync', '--yes', path], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(writes(org)).toEqual([`PATCH /global/v3/system-accounts/${id}`]);
    expect(account()).toMatchObject({ id, name: 'deploy-bot' });
    expect(org.snapshot().team_system_accounts.filter((m) => m.account_id === id).length).toBe(1);
    expect(org.snapshot().assigned_roles.filter((g) => g.principal_id === id).map((g) => g.id)).toEqual(grants);
    const again = await runCli(['diff', path], { env });
    expect(again.stdout).toContain('No changes');
    expect(again.stderr).toContain('Warning: system account "deploy-bot" is in the organization and "ci-bot" is not: the rename is done');
  });
});

describe('renamed_from: system accounts with unlisted_system_accounts: ignore', () => {
  it('reads the account under its old name too, and renames it', async () => {
    const { env } = await seededOrg(LIVE);
    const file = desired('Payments')
      .replace('    renamed_from: [Payments]\n', '')
      .replace('_format_version: "1.0"\n', '_format_version: "1.0"\n_info: { unlisted_system_accounts: ignore }\n')
      .replace('{ name: ci-bot,', '{ name: deploy-bot, renamed_from: [ci-bot],');
    const r = await runCli(['diff', tmp('org.yaml', file)], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('rename system account ci-bot → deploy-bot\nSummary: 0 to add, 1 to change, 0 to remove\n');
  });
});

describe('renamed_from: a saved plan renaming a system account', () => {
  it('is refused when the account was renamed by hand meanwhile', async () => {
    const { org, env } = await seededOrg(LIVE);
    const { id } = org.snapshot().system_accounts.find((a) => a.name === 'ci-bot')!;
    const file = desired('Payments').replace('    renamed_from: [Payments]\n', '').replace('{ name: ci-bot,', '{ name: deploy-bot, renamed_from: [ci-bot],');
    const out = tmp('plan.json');
    const made = await runCli(['diff', '--out', out, tmp('org.yaml', file)], { env });
    expect(made.stdout).toContain('rename system account ci-bot → deploy-bot');
    await byHand(org, 'PATCH', `/system-accounts/${id}`, { name: 'robot' });
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain(`system account "ci-bot" (id ${id}) was renamed to "robot"`);
    expect(writes(org)).toEqual([`PATCH /global/v3/system-accounts/${id}`]);
  });
});

describe('renamed_from: the file', () => {
  it('refuses an old name the file declares, and two declarations claiming one old name, each at its place', async () => {
    const file = `_format_version: "1.0"
teams:
  - { name: A, renamed_from: [B] }
  - { name: B }
  - { name: C, renamed_from: [Old] }
  - { name: D, renamed_from: [Old] }
users: []
`;
    const r = await runCli(['validate', tmp('org.yaml', file)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('org.yaml:3:31');
    expect(r.stderr).toContain('"B" is renamed_from of team "A", but the file also declares a team of that name: it cannot be both. Remove one.');
    expect(r.stderr).toContain('org.yaml:6:31');
    expect(r.stderr).toContain('Two teams are renamed from "Old": "D" here and "C" at');
  });

  it('refuses a name listed twice in renamed_from', async () => {
    const r = await runCli(['validate', tmp('org.yaml', '_format_version: "1.0"\nteams: [{ name: A, renamed_from: [Old, Old] }]\nusers: []\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('renamed_from');
  });
});

describe('renamed_from written as one name, not a list', () => {
  it('is refused with the list to write', async () => {
    const r = await runCli(['validate', '-'], { env: {}, stdin: '_format_version: "1.0"\nteams:\n  - name: Payments Squad\n    renamed_from: Payments\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('-:4:19  /teams/0/renamed_from  Must be a list, not a string ("Payments"). For one item, write [Payments].');
  });
});
