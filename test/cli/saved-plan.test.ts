/** Saved plans: diff --out writes what sync --plan applies, exactly, or refuses (exit 3) when the org has moved. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import type { LocalOrg } from '../../src/local-org/index.js';
import type { Change, Plan } from '../../src/plan/types.js';
import { byHand } from '../support/by-hand.js';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

const validatePlan = new Ajv({ strict: true }).compile(planSchema);

const LIVE = `_format_version: "1.0"
control_planes: [{ name: prod, region: us }]
teams:
  - { name: Platform, description: Old, roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }] }
  - { name: Legacy }
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: bo@example.com, full_name: Bo, teams: [Platform], roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }] }
  - { email: cy@example.com, full_name: Cy, teams: [Legacy] }
  - { email: dee@example.com }
  - { email: eve@example.com, teams: [Platform] }
`;
const DESIRED = `_format_version: "1.0"
teams:
  - name: Platform
    description: New
    roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }]
  - name: Auditors
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: bo@example.com, full_name: Bo Chen, teams: [Platform] }
  - { email: cy@example.com, full_name: Cy, teams: [Platform] }
  - { email: ana@example.com, teams: [Auditors] }
  - { email: eve@example.com }
`;

function tmp(name: string, text?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
}

/** Call the local org's Identity API as the owner, as someone changing the org by hand would. */
const api = byHand;

const idOf = (org: LocalOrg, kind: 'users' | 'teams', name: string) => {
  const snap = org.snapshot();
  const found = kind === 'users' ? snap.users.find((u) => u.email === name) : snap.teams.find((t) => t.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found.id;
};

async function planned() {
  const seeded = await seededOrg(LIVE);
  const out = tmp('plan.json');
  const r = await runCli(['diff', '--format', 'markdown', '--out', out, tmp('org.yaml', DESIRED)], { ...seeded, env: seeded.env });
  expect(r.code, r.stderr).toBe(0);
  return { ...seeded, out, markdown: r.stdout, plan: JSON.parse(readFileSync(out, 'utf8')) as Plan };
}

/** The write each change is carried out with; ids of users and teams the plan creates are not known ahead. */
function expectedWrite(c: Change): RegExp {
  const id = '[0-9a-f-]{36}';
  const u = c.user?.id ?? id;
  const t = c.team?.id ?? id;
  const path: Record<string, string> = {
    'create user': 'POST /global/v3/invites',
    'update user': `PATCH /global/v3/users/${u}`,
    'delete user': `DELETE /global/v3/users/${u}`,
    'create team': 'POST /global/v3/teams',
    'update team': `PATCH /global/v3/teams/${t}`,
    'delete team': `DELETE /global/v3/teams/${t}`,
    'create team-membership': `POST /global/v3/teams/${t}/users`,
    'delete team-membership': `DELETE /global/v3/teams/${t}/users/${u}`,
    'create user-role': `POST /global/v3/users/${u}/assigned-roles`,
    'delete user-role': `DELETE /global/v3/users/${u}/assigned-roles/${c.grant?.id}`,
    'create team-role': `POST /global/v3/teams/${t}/assigned-roles`,
    'delete team-role': `DELETE /global/v3/teams/${t}/assigned-roles/${c.grant?.id}`,
  };
  return new RegExp(`^${path[`${c.op} ${c.kind}`]}$`);
}

describe('diff --out: the saved plan', () => {
  it('diff --format markdown --out prints the markdown and writes the JSON plan: origin, preconditions, never the token', async () => {
    const { org, out, markdown, plan } = await planned();
    expect(markdown.split('\n')[0]).toBe('<!-- orgdeck:plan -->');
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(TEST_TOKEN);
    const { organization } = org.snapshot();
    expect(plan.origin).toEqual({
      orgdeck_version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      organization: { id: organization.id, name: organization.name, admin_team_id: org.snapshot().teams.find((t) => t.name === 'Organization Admin')!.id },
      konnect_addr: org.addr,
      state_digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      scope: { custom_teams: true },
    });
    const facts = Object.fromEntries(plan.changes.map((c) => [`${c.op} ${c.kind} ${c.key}`, c.preconditions]));
    expect(facts['create user ana@example.com']).toEqual([{ fact: 'user-absent', email: 'ana@example.com' }]);
    expect(facts['update user bo@example.com']).toEqual([{ fact: 'user', email: 'bo@example.com', id: idOf(org, 'users', 'bo@example.com'), fields: { full_name: 'Bo' } }]);
    expect(facts['create team-membership Platform/cy@example.com']).toContainEqual({
      fact: 'member', present: false,
      team: { name: 'Platform', id: idOf(org, 'teams', 'Platform') },
      user: { email: 'cy@example.com', id: idOf(org, 'users', 'cy@example.com') },
    });
    expect(facts['delete user-role bo@example.com/Admin/Control Planes/prod/us']).toContainEqual(expect.objectContaining({ fact: 'grant', present: true, holder: { kind: 'user', key: 'bo@example.com', id: idOf(org, 'users', 'bo@example.com') } }));
  });

  it('sync --dry-run --out writes the same kind of plan', async () => {
    const { env } = await seededOrg(LIVE);
    const out = tmp('plan.json');
    const r = await runCli(['sync', '--dry-run', '--out', out, tmp('org.yaml', DESIRED)], { env });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(out, 'utf8'));
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(plan.origin.organization.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the digest follows the state files\' bytes, not their names', async () => {
    const { env } = await seededOrg(LIVE);
    const digest = async (path: string) => {
      const out = tmp('plan.json');
      await runCli(['diff', '--out', out, path], { env });
      return JSON.parse(readFileSync(out, 'utf8')).origin.state_digest;
    };
    const a = await digest(tmp('a.yaml', DESIRED));
    expect(await digest(tmp('b.yaml', DESIRED))).toBe(a);
    expect(await digest(tmp('a.yaml', `${DESIRED}# a comment\n`))).not.toBe(a);
  });
});

describe('sync --plan', () => {
  it('applies an unchanged plan with exactly its calls, reading no state file', async () => {
    const { org, env, out, plan } = await planned();
    org.clearRequestLog();
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`[${plan.changes.length}/${plan.changes.length}]`);
    const writes = org.requestLog().filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);
    const unmatched = [...writes];
    // Steps run as soon as they can, in no fixed order: match the writes whose ids are known first,
    // so a pattern with an id not known yet (a team the plan creates) cannot take another's write.
    const wild = (c: Change) => expectedWrite(c).source.includes('[0-9a-f-]');
    for (const c of [...plan.changes].sort((a, b) => Number(wild(a)) - Number(wild(b)))) {
      const at = unmatched.findIndex((w) => expectedWrite(c).test(w));
      expect(at, `no request for ${c.op} ${c.kind} ${c.key} in ${JSON.stringify(unmatched)}`).toBeGreaterThanOrEqual(0);
      unmatched.splice(at, 1);
    }
    expect(unmatched).toEqual([]);
    expect(writes).toHaveLength(plan.changes.length);
    const again = await runCli(['diff', '--non-zero-exit-code', tmp('org.yaml', DESIRED)], { env });
    expect(again.stdout).toContain('pending: ana@example.com');
    expect(again.code).toBe(0);
  });

  const moves: [string, (org: LocalOrg) => Promise<unknown>, string][] = [
    ['the person to invite exists now', (org) => api(org, 'POST', '/invites', { email: 'ana@example.com' }), 'ana@example.com exists in Konnect now'],
    ['the grant to revoke is gone', async (org) => {
      const bo = idOf(org, 'users', 'bo@example.com');
      const roles = (await api(org, 'GET', `/users/${bo}/assigned-roles`)) as { data: { id: string }[] };
      return api(org, 'DELETE', `/users/${bo}/assigned-roles/${roles.data[0]!.id}`);
    }, 'user bo@example.com no longer holds Admin on Control Planes prod (us): the grant to revoke is gone'],
    ['the member to add was removed from the org', (org) => api(org, 'DELETE', `/users/${idOf(org, 'users', 'cy@example.com')}`), 'user cy@example.com (id'],
    ['a team to create exists now', (org) => api(org, 'POST', '/teams', { name: 'Auditors' }), 'a team named "Auditors" exists in Konnect now'],
    ['a team was renamed', (org) => api(org, 'PATCH', `/teams/${idOf(org, 'teams', 'Platform')}`, { name: 'Platform Eng' }), 'team "Platform" (id'],
    ['a team was deleted', (org) => api(org, 'DELETE', `/teams/${idOf(org, 'teams', 'Legacy')}`), 'team "Legacy" (id'],
    ['the membership to remove is gone', (org) => api(org, 'DELETE', `/teams/${idOf(org, 'teams', 'Platform')}/users/${idOf(org, 'users', 'eve@example.com')}`), 'eve@example.com is no longer a member of "Platform"'],
    ['a name to update was changed by hand', (org) => api(org, 'PATCH', `/users/${idOf(org, 'users', 'bo@example.com')}`, { full_name: 'Robert' }), 'bo@example.com\'s full_name is now "Robert", not "Bo"'],
  ];
  it.each(moves)('refuses a stale plan, exit 3, writing nothing, when %s', async (_what, move, says) => {
    const { org, env, out } = await planned();
    await move(org);
    const before = org.snapshot();
    org.clearRequestLog();
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stderr).toMatch(/^Refused: nothing was changed\.\n {2}- .*plan\.json \(made .*\) no longer matches the organization: \d+ facts? it depends on ha(s|ve) moved\./);
    expect(r.stderr).toContain(says);
    if (_what === 'a team was renamed') expect(r.stderr).toContain('was renamed to "Platform Eng"');
    expect(org.requestLog().filter((e) => e.method !== 'GET')).toEqual([]);
    expect(org.snapshot()).toEqual(before);
  });

  it('refuses a plan made for another organization, exit 3, before checking anything else', async () => {
    const { out, plan } = await planned();
    const other = await seededOrg(LIVE);
    const before = other.org.snapshot();
    const r = await runCli(['sync', '--plan', out, '--yes'], { env: other.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`Refused: nothing was changed.\n  - The plan was made for organization "${plan.origin!.organization.name}" (id ${plan.origin!.organization.id}), but the token belongs to "${before.organization.name}" (id ${before.organization.id}). Apply it with a token of that organization, or make a new plan for this one.\n`);
    expect(other.org.snapshot()).toEqual(before);
  });

  it('runs the guards again on the saved plan: a hand-added deletion of the token\'s own user is refused', async () => {
    const { org, env, out, plan } = await planned();
    const ownerId = idOf(org, 'users', 'owner@example.com');
    plan.changes.push({ op: 'delete', kind: 'user', key: 'owner@example.com', user: { email: 'owner@example.com', id: ownerId }, before: { email: 'owner@example.com', status: 'active' } });
    plan.summary.delete++;
    writeFileSync(out, JSON.stringify(plan));
    const r = await runCli(['sync', '--plan', out, '--yes', '--force'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('The plan deletes owner@example.com, the user whose token orgdeck is using');
  });

  it('checks a hand-edited plan like any other: schema problems and what a schema cannot say, as sentences, exit 1', async () => {
    const { org, env, out, plan } = await planned();
    const broken = structuredClone(plan) as unknown as { changes: Record<string, unknown>[] };
    broken.changes[0]!.op = 'destroy';
    broken.changes[1]!.surprise = true;
    writeFileSync(out, JSON.stringify(broken));
    org.clearRequestLog();
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Error: The plan "${out}" cannot be applied; nothing was sent:`);
    expect(r.stderr).toContain('  - /changes/0/op: must be one of "create", "update", "delete".');
    expect(r.stderr).toContain('  - /changes/1: "surprise" is not a plan field.');
    expect(org.requestLog()).toEqual([]);

    const noId = structuredClone(plan);
    const update = noId.changes.find((c) => c.op === 'update' && c.kind === 'user')!;
    delete update.user!.id;
    noId.summary.create = 99;
    writeFileSync(out, JSON.stringify(noId));
    const r2 = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('(update user bo@example.com) has no user id to update.');
    expect(r2.stderr).toContain(`The summary counts 99 to create, but the plan has ${plan.summary.create}.`);

    writeFileSync(out, JSON.stringify({ ...plan, format_version: '1.0' }));
    const old = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(old.stderr).toContain('The plan is format "1.0"; this orgdeck applies format 2.0.');
    writeFileSync(out, '{ not json');
    expect((await runCli(['sync', '--plan', out, '--yes'], { env })).stderr).toContain('is not JSON');
  });

  it('PATHs, --no-deletes or --out with --plan are usage errors', async () => {
    const { env, out } = await planned();
    const paths = await runCli(['sync', '--plan', out, 'org.yaml'], { env });
    expect(paths).toMatchObject({ code: 1, stderr: expect.stringContaining('reads no state file; drop "org.yaml"') });
    expect((await runCli(['sync', '--plan', out, '--no-deletes'], { env })).stderr).toContain('--no-deletes does not go with --plan');
    expect((await runCli(['sync', '--plan', out, '--out', 'x.json'], { env })).stderr).toContain('--out does not go with --plan');
  });

  it('on a terminal, asks before applying the saved plan; --dry-run shows it in any format', async () => {
    const { org, env, out } = await planned();
    const before = org.snapshot();
    const r = await runCli(['sync', '--plan', out], { env, isTTY: true, answer: false });
    expect(r.questions).toEqual([expect.stringMatching(/^Apply \d+ changes, \d+ of them deletions\?$/)]);
    expect(r.code).toBe(1);
    expect(org.snapshot()).toEqual(before);
    const md = await runCli(['sync', '--plan', out, '--dry-run', '--format', 'markdown'], { env });
    expect(md.code).toBe(0);
    expect(md.stdout.startsWith('<!-- orgdeck:plan -->\n')).toBe(true);
  });
});
