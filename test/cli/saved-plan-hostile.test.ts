/**
 * Saved plans under attack (issue 25): a plan file is not trusted to judge itself. Every case
 * runs end to end against the local org; the request log shows what was sent.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/local-org/index.js';
import type { Change, Plan } from '../../src/plan/types.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

function tmp(name: string, text?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-hostile-')), name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
}

const writes = (org: LocalOrg) => org.requestLog().filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);
const readPlan = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Plan;
const save = (path: string, plan: Plan) => writeFileSync(path, JSON.stringify(plan));

/** diff --out against `org`; the plan and its path. */
async function planOf(env: Record<string, string>, desired: string, expectCode = 0) {
  const out = tmp('plan.json');
  const r = await runCli(['diff', '--out', out, tmp('org.yaml', desired)], { env });
  expect(r.code, r.stderr).toBe(expectCode);
  return { out, plan: readPlan(out), diff: r };
}

/** Apply `out` and expect a refusal: exit 3, nothing sent, `says` on stderr. */
async function expectRefused(org: LocalOrg, env: Record<string, string>, out: string, says: string, extra: string[] = []) {
  const before = org.snapshot();
  org.clearRequestLog();
  const r = await runCli(['sync', '--plan', out, '--yes', ...extra], { env });
  expect(r.code, r.stdout + r.stderr).toBe(3);
  expect(r.stderr).toContain(says);
  expect(writes(org)).toEqual([]);
  expect(org.snapshot()).toEqual(before);
  return r;
}

const OWNER = '  - email: owner@example.com\n    teams: [Organization Admin]\n';
const BOTS = ['bot-1', 'bot-2', 'bot-3', 'bot-4', 'bot-5'];
const ACCOUNTS_LIVE = `_format_version: "1.0"
users:
${OWNER}system_accounts:
  - { name: ci, description: CI }
${BOTS.map((b) => `  - { name: ${b}, description: Bot }\n`).join('')}  - { name: mesh, description: Konnect's own, konnect_managed: true }
`;
const KEEP_CI = `_format_version: "1.0"\nusers:\n${OWNER}system_accounts:\n  - { name: ci, description: CI }\n`;

describe('sync --plan: the system-account guards of diff, against what is live (item 2)', () => {
  it('an unedited plan diff refused (5 of 6 system accounts deleted) is refused, exit 3, nothing deleted', async () => {
    const { org, env } = await seededOrg(ACCOUNTS_LIVE);
    const { out, plan } = await planOf(env, KEEP_CI);
    expect(plan.refusals.map((r) => r.guard)).toEqual(['mass-deletion']);
    expect(plan.changes.filter((c) => c.kind === 'system-account').map((c) => c.key).sort()).toEqual(BOTS);
    await expectRefused(org, env, out, 'The plan deletes 5 of 6 system accounts');
    expect(org.snapshot().system_accounts).toHaveLength(7);
  });

  it('a plan that only deletes teams is judged with the system-account memberships that go with them, as diff judged it', async () => {
    const accounts = (teams: string) => ['a1', 'a2', 'a3', 'a4', 'a5'].map((a) => `  - { name: ${a}, description: d, teams: ${teams} }\n`).join('');
    const kept = '[{ name: K1 }, { name: K2 }, { name: K3 }, { name: K4 }, { name: K5 }, { name: K6 }]';
    const { org, env } = await seededOrg(`_format_version: "1.0"\nteams: [{ name: T1 }, { name: T2 }, ${kept.slice(1)}\nusers:\n${OWNER}system_accounts:\n${accounts('[T1, T2]')}`);
    const { out, plan } = await planOf(env, `_format_version: "1.0"\nteams: ${kept}\nusers:\n${OWNER}system_accounts:\n${accounts('[]')}`);
    expect(plan.changes.map((c) => `${c.op} ${c.kind} ${c.key}`)).toEqual(['delete team T1', 'delete team T2']);
    expect(plan.refusals.map((r) => r.message)).toEqual([expect.stringContaining('The plan deletes 10 of 10 system account memberships')]);
    await expectRefused(org, env, out, 'The plan deletes 10 of 10 system account memberships');
  });

  it('a hand-added deletion of a Konnect-managed account is refused, even with --force', async () => {
    const { org, env } = await seededOrg(ACCOUNTS_LIVE);
    const { out, plan } = await planOf(env, `${KEEP_CI}${BOTS.map((b) => `  - { name: ${b}, description: Bot }\n`).join('')}`);
    expect(plan.changes).toEqual([]);
    const mesh = org.snapshot().system_accounts.find((a) => a.name === 'mesh')!;
    plan.changes.push({ op: 'delete', kind: 'system-account', key: 'mesh', system_account: { name: 'mesh', id: mesh.id }, before: { name: 'mesh', description: mesh.description } });
    plan.summary.delete = 1;
    save(out, plan);
    await expectRefused(org, env, out, 'The plan changes system account "mesh", which Konnect manages (konnect_managed): delete system account mesh.', ['--force']);
  });

  it('a change to an account that was renamed or re-created since the plan was made is refused as moved', async () => {
    const { org, env } = await seededOrg(ACCOUNTS_LIVE);
    const desired = `${KEEP_CI}${BOTS.slice(0, 4).map((b) => `  - { name: ${b}, description: Bot }\n`).join('')}  - { name: bot-5, description: Renamed bot }\n`;
    const { out, plan } = await planOf(env, desired);
    expect(plan.changes.map((c) => `${c.op} ${c.kind} ${c.key}`)).toEqual(['update system-account bot-5']);
    expect(plan.changes[0]!.preconditions).toEqual([{ fact: 'system-account', name: 'bot-5', id: expect.any(String), fields: { description: 'Bot' } }]);
    const id = org.snapshot().system_accounts.find((a) => a.name === 'bot-5')!.id;
    const res = await fetch(`${org.baseUrl}/global/v3/system-accounts/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${env.KONNECT_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bot-five' }) });
    expect(res.status).toBe(200);
    await expectRefused(org, env, out, `system account "bot-5" (id ${id}) was renamed to "bot-five"`);
  });
});

const TEAMS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
const TEAMS_LIVE = `_format_version: "1.0"\nteams:\n${TEAMS.map((t) => `  - { name: ${t} }\n`).join('')}users:\n${OWNER}`;
/** Keeps 4 of the 8 teams: deleting 4 (50%) is over the default 25%. */
const HALF_TEAMS = (info = '') => `_format_version: "1.0"\n${info}teams:\n${TEAMS.slice(0, 4).map((t) => `  - { name: ${t} }\n`).join('')}users:\n${OWNER}`;

describe('sync --plan: nothing that judges the plan comes from the plan file (item 6)', () => {
  it('guard limits come from the defaults, not from the plan: a plan made with _info.guards at 60% is judged at 25%', async () => {
    const { org, env } = await seededOrg(TEAMS_LIVE);
    const { out, plan } = await planOf(env, HALF_TEAMS('_info:\n  guards: { max_deletion_percent: 60 }\n'));
    expect(plan.refusals).toEqual([]);
    const r = await expectRefused(org, env, out, 'The plan deletes 4 of 8 teams (50.0%), over the 25% limit');
    expect(r.stderr).toContain('With --plan the limits are 25% and 3 (--max-deletion-percent, --deletions-always-allowed), never the plan\'s own.');
    expect((await runCli(['sync', '--plan', out, '--yes', '--max-deletion-percent', 'half'], { env })).stderr).toContain('--max-deletion-percent takes a number of 0 or more, not "half".');
    expect((await runCli(['sync', '--plan', out, '--yes', '--deletions-always-allowed', '2.5'], { env })).stderr).toContain('--deletions-always-allowed takes a whole number of 0 or more, not "2.5".');
    expect((await runCli(['sync', '--yes', '--max-deletion-percent', '60', tmp('org.yaml', TEAMS_LIVE)], { env })).stderr).toContain('--max-deletion-percent goes with --plan');
    const given = await runCli(['sync', '--plan', out, '--yes', '--max-deletion-percent', '60'], { env });
    expect(given.code, given.stderr).toBe(0);
    expect(writes(org).filter((w) => w.startsWith('DELETE /global/v3/teams/'))).toHaveLength(4);
  });

  it('edited limits or scope in the plan let no mass deletion through', async () => {
    const { org, env } = await seededOrg(TEAMS_LIVE);
    const { out, plan } = await planOf(env, HALF_TEAMS());
    expect(plan.refusals.map((r) => r.guard)).toEqual(['mass-deletion']);
    const edits: ((p: Plan) => void)[] = [
      (p) => { p.origin!.scope.guards = { max_percent: 100, always_allowed: 100 }; },
      (p) => { p.origin!.scope.custom_teams = false; },
      (p) => { p.origin!.scope.team_labels = { nothing: 'matches' }; },
    ];
    for (const edit of edits) {
      const edited = structuredClone(plan);
      edit(edited);
      edited.refusals = [];
      save(out, edited);
      await expectRefused(org, env, out, 'The plan deletes 4 of 8 teams');
    }
  });

  it('an invite-only plan with a forged organization id is refused: the organization is checked by its Organization Admin team too', async () => {
    const a = await seededOrg(`_format_version: "1.0"\nusers:\n${OWNER}`);
    const { out, plan } = await planOf(a.env, `_format_version: "1.0"\nusers:\n${OWNER}  - email: x@example.com\n  - email: y@example.com\n`);
    expect(plan.changes.every((c) => c.op === 'create' && c.kind === 'user')).toBe(true);
    const b = await seededOrg(`_format_version: "1.0"\nusers:\n${OWNER}`);
    const theirs = b.org.snapshot().organization;
    plan.origin!.organization = { ...plan.origin!.organization, id: theirs.id, name: theirs.name };
    save(out, plan);
    await expectRefused(b.org, b.env, out, `but the Organization Admin team it saw (id ${plan.origin!.organization.admin_team_id}) is not this organization's`);
    delete plan.origin!.organization.admin_team_id;
    save(out, plan);
    await expectRefused(b.org, b.env, out, 'The plan does not record the Organization Admin team of the organization it was made for');
    expect(b.org.snapshot().invitations_sent ?? []).toEqual([]);
  });

  it('a depends_on cycle or a change no step can carry out is found before anything is sent, as a sentence (exit 1)', async () => {
    const { org, env } = await seededOrg(TEAMS_LIVE);
    const { out, plan } = await planOf(env, `_format_version: "1.0"\nteams:\n${[...TEAMS, 'New'].map((t) => `  - { name: ${t} }\n`).join('')}users:\n${OWNER}  - { email: n@example.com, teams: [New, A] }\n`);
    const ids = plan.changes.map((c) => `${c.op} ${c.kind} ${c.key}`);
    expect(ids).toContain('create team New');
    const cyclic = structuredClone(plan);
    const team = cyclic.changes.find((c) => c.kind === 'team')!;
    const member = cyclic.changes.find((c) => c.kind === 'team-membership' && c.team?.name === 'New')!;
    team.depends_on = ['create team-membership New/n@example.com'];
    expect(member.depends_on).toContain('create team New');
    save(out, cyclic);
    org.clearRequestLog();
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Changes depend on each other in a circle ("create team New" → "create team-membership New/n@example.com" → "create team New"), so none of them could ever start.');
    expect(r.stderr).not.toContain('Internal error');
    expect(org.requestLog()).toEqual([]);

    const odd = structuredClone(plan);
    (odd.changes.find((c) => c.kind === 'team-membership') as Change).op = 'update';
    odd.summary = { create: odd.summary.create - 1, update: 1, delete: 0 };
    save(out, odd);
    const r2 = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/Change \d+ \(update team-membership [^)]*\): orgdeck does not update a team-membership; no step could carry it out\./);
    expect(org.requestLog()).toEqual([]);
  });

  it('a plan older than --max-plan-age (default 24 hours) is refused before anything is read; the flag lets it through', async () => {
    const { org, env } = await seededOrg(TEAMS_LIVE);
    const { out, plan } = await planOf(env, `${TEAMS_LIVE}  - email: new@example.com\n`);
    plan.origin!.created_at = new Date(Date.now() - 25 * 3_600_000).toISOString();
    save(out, plan);
    org.clearRequestLog();
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/The plan was made 25\.0 hours ago \(.*\), more than 24 hours \(--max-plan-age\)\. .* or re-run with --max-plan-age 26 to apply this one\./);
    expect(org.requestLog()).toEqual([]);
    const ok = await runCli(['sync', '--plan', out, '--yes', '--max-plan-age', '26'], { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(writes(org)).toEqual(['POST /global/v3/invites']);
    plan.origin!.created_at = new Date(Date.now() + 3_600_000).toISOString();
    save(out, plan);
    expect((await runCli(['sync', '--plan', out, '--yes'], { env })).stderr).toContain('which is ahead of this machine\'s clock');
    expect((await runCli(['sync', '--plan', out, '--max-plan-age', 'soon'], { env })).stderr).toContain('--max-plan-age takes a number of hours above 0, not "soon".');
    expect((await runCli(['sync', '--max-plan-age', '3', tmp('org.yaml', TEAMS_LIVE)], { env })).stderr).toContain('--max-plan-age goes with --plan');
  });
});

describe('sync --plan with a system-account token (item 8)', () => {
  it('runs as plain sync does: the account named, the plan applied', async () => {
    const SPAT = 'spat_PLANtoken_do_not_print_0123456789abcdef';
    const accounts = 'system_accounts:\n  - { name: ci-admin, description: CI, teams: [Organization Admin] }\n';
    const { org, env } = await seededOrg(`_format_version: "1.0"\nusers:\n${OWNER}${accounts}`, { systemAccount: 'ci-admin', token: SPAT });
    const named = { ...env, KONNECT_TOKEN: SPAT, KONNECT_SYSTEM_ACCOUNT: 'ci-admin' };
    const { out } = await planOf(named, `_format_version: "1.0"\nusers:\n${OWNER}  - email: new@example.com\n${accounts}`);
    org.clearRequestLog();
    const r = await runCli(['sync', '--plan', out, '--yes'], { env: named });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain('Note: orgdeck runs as system account "ci-admin"');
    expect(writes(org)).toEqual(['POST /global/v3/invites']);
    expect(r.stdout + r.stderr).not.toContain(SPAT);
  });
});

describe('sync --plan re-sends no invitation twice (item 9)', () => {
  it('the same plan applied 3 times sends each invitation once; the second run is refused, naming who was sent one', async () => {
    const people = Array.from({ length: 20 }, (_, i) => `p${i}@example.com`);
    const live = `_format_version: "1.0"\nusers:\n${OWNER}${people.map((p) => `  - { email: ${p}, status: pending, invited_at: "2026-01-01T00:00:00Z" }\n`).join('')}`;
    const { org, env } = await seededOrg(live);
    const desired = `_format_version: "1.0"\n_info:\n  invites:\n    resend_after_days: 7\nusers:\n${OWNER}${people.map((p) => `  - email: ${p}\n`).join('')}`;
    const { out, plan } = await planOf(env, desired);
    expect(plan.changes.filter((c) => c.kind === 'invite')).toHaveLength(20);
    const first = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(org.snapshot().invitations_sent).toHaveLength(20);
    for (let i = 0; i < 2; i++) {
      const r = await expectRefused(org, env, out, 'p0@example.com\'s pending invitation changed at');
      expect(r.stderr).toContain('after the plan was made: an invitation may have been sent since, and is not sent again');
    }
    expect(org.snapshot().invitations_sent).toHaveLength(20);
  });
});
