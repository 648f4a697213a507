/** `diff --base`: a targeted plan agrees with a full plan on what it touches, and reads far less of the org. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import type { Change, Plan } from '../../src/plan/types.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const validatePlan = new Ajv({ strict: true }).compile(planSchema);
const CP = { role: 'Viewer', entity_type: 'Control Planes', entity: 'prod', region: 'us' };
const ADMIN_CP = { ...CP, role: 'Admin' };

/** An org of `n` people in four teams, written as the state file that matches it exactly. */
function orgOf(n: number) {
  const teams = ['Alpha', 'Beta', 'Gamma', 'Delta'].map((name) => ({ name, description: `${name} team`, roles: [CP] }));
  const users = [{ email: 'owner@example.com', full_name: 'Owner', teams: ['Organization Admin'], roles: [] as object[] }];
  for (let i = 0; i < n; i++) users.push({ email: `u${i}@example.com`, full_name: `User ${i}`, teams: [teams[i % 4]!.name], roles: i % 5 === 0 ? [ADMIN_CP] : [] });
  // A small team, for the pull request to remove.
  teams.push({ name: 'Epsilon', description: 'Epsilon team', roles: [CP] });
  users.find((u) => u.email === 'u5@example.com')?.teams.push('Epsilon');
  return { teams, users };
}

const fileOf = (org: ReturnType<typeof orgOf>) => stringify({ _format_version: '1.0', _info: { unlisted_users: 'remove' }, ...org });
const seedOf = (org: ReturnType<typeof orgOf>) => stringify({ _format_version: '1.0', control_planes: [{ name: 'prod', region: 'us' }], ...org });

/** The pull request: one person added, three changed (renamed, moved, an email changed), a grant moved from a user to a team, a team removed. */
function headOf(base: ReturnType<typeof orgOf>) {
  const head = structuredClone(base);
  head.users.push({ email: 'new@example.com', full_name: 'New Person', teams: ['Alpha'], roles: [] });
  head.users.find((u) => u.email === 'u1@example.com')!.full_name = 'Renamed One';
  head.users.find((u) => u.email === 'u2@example.com')!.teams = ['Alpha'];
  head.users.find((u) => u.email === 'u3@example.com')!.email = 'u3-new@example.com';
  // u0 holds Admin on prod directly; the grant moves to Beta.
  head.users.find((u) => u.email === 'u0@example.com')!.roles = [];
  head.teams.find((t) => t.name === 'Beta')!.roles.push(ADMIN_CP);
  // Epsilon goes: its one person leaves it in the file.
  head.teams = head.teams.filter((t) => t.name !== 'Epsilon');
  for (const u of head.users) u.teams = u.teams.filter((t) => t !== 'Epsilon');
  return head;
}

function tmp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), name);
  writeFileSync(path, text);
  return path;
}

const ids = (changes: readonly Change[]) => changes.map((c) => `${c.op} ${c.kind} ${c.key}`);

describe('diff --base', () => {
  it('plans what a full diff plans for the touched people and teams, and reads far less', async () => {
    const base = orgOf(120);
    const { org, env } = await seededOrg(seedOf(base), { owner: 'owner@example.com' });
    const basePath = tmp('base.yaml', fileOf(base));
    const headPath = tmp('org.yaml', fileOf(headOf(base)));
    org.clearRequestLog();
    const full = await runCli(['diff', '--format', 'json', headPath], { env });
    expect(full.code, full.stderr).toBe(0);
    const fullReads = org.requestLog().length;
    org.clearRequestLog();
    const targeted = await runCli(['diff', '--format', 'json', '--base', basePath, headPath], { env });
    expect(targeted.code, targeted.stderr).toBe(0);
    const targetedReads = org.requestLog().length;
    const a = JSON.parse(full.stdout) as Plan;
    const b = JSON.parse(targeted.stdout) as Plan;
    expect(validatePlan(b), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(b.targeting).toMatchObject({ read: 'targeted', base: basePath, teams: ['Beta', 'Epsilon'] });
    expect(b.targeting?.people).toEqual(expect.arrayContaining(['new@example.com', 'u0@example.com', 'u1@example.com', 'u2@example.com', 'u3@example.com', 'u3-new@example.com', 'u5@example.com']));
    // The base matches the org, so the full plan is the pull request's change and nothing else.
    expect(ids(b.changes)).toEqual(ids(a.changes));
    expect(b.changes.map((c) => c.preconditions)).toEqual(a.changes.map((c) => c.preconditions));
    expect(b.refusals).toEqual(a.refusals);
    expect(ids(b.changes)).toEqual(expect.arrayContaining(['create user new@example.com', 'update user u1@example.com', 'delete team Epsilon', 'delete user-role u0@example.com/Admin/Control Planes/prod/us', 'create team-role Beta/Admin/Control Planes/prod/us']));
    // A full read costs a request per person at least; the targeted one a few per touched principal.
    expect(fullReads).toBeGreaterThan(120);
    expect(targetedReads).toBeLessThan(fullReads / 3);
  });

  it('leaves drift outside the touched set alone, and says it was not checked', async () => {
    const base = orgOf(12);
    const { env } = await seededOrg(seedOf(base), { owner: 'owner@example.com' });
    const drifted = structuredClone(base);
    drifted.users.find((u) => u.email === 'u9@example.com')!.full_name = 'Changed By Hand';
    const headPath = tmp('org.yaml', fileOf({ ...drifted, users: [...drifted.users, { email: 'new@example.com', full_name: 'New', teams: [], roles: [] }] }));
    // The org has u9 as the seed says; the file (base and head) says otherwise: drift no pull request made.
    const basePath = tmp('base.yaml', fileOf(drifted));
    const full = JSON.parse((await runCli(['diff', '--format', 'json', headPath], { env })).stdout) as Plan;
    expect(ids(full.changes)).toEqual(['create user new@example.com', 'update user u9@example.com']);
    const text = await runCli(['diff', '--base', basePath, headPath], { env });
    expect(text.stdout.split('\n')[0]).toBe('targeted: 1 person, 0 teams read; the rest of the org was not checked');
    expect(text.stdout).toContain('invite user new@example.com');
    expect(text.stdout).not.toContain('u9@example.com');
    const md = await runCli(['diff', '--format', 'markdown', '--base', basePath, headPath], { env });
    // The header: title, the organization, then the targeting line before the summary.
    expect(md.stdout).toMatch(/### orgdeck plan\n\nFor organization `[^`]+` \(id `[^`]+`\)\.\n\n_targeted: 1 person, 0 teams read; the rest of the org was not checked\._\n\nSummary:/);
  });

  it('reads the base from git, and falls back to a full read with one sentence when the revision does not exist', async () => {
    const base = orgOf(8);
    const { env } = await seededOrg(seedOf(base), { owner: 'owner@example.com' });
    const repo = mkdtempSync(join(tmpdir(), 'orgdeck-git-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    writeFileSync(join(repo, 'org.yaml'), fileOf(base));
    git('add', '.');
    git('commit', '-qm', 'base');
    const head = structuredClone(base);
    head.users.find((u) => u.email === 'u1@example.com')!.full_name = 'Renamed';
    writeFileSync(join(repo, 'org.yaml'), fileOf(head));
    const r = await runCli(['diff', '--format', 'json', '--base', 'HEAD', join(repo, 'org.yaml')], { env });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.targeting).toMatchObject({ read: 'targeted', people: ['u1@example.com'], teams: [] });
    expect(ids(plan.changes)).toEqual(['update user u1@example.com']);
    const missing = await runCli(['diff', '--base', 'no-such-branch', join(repo, 'org.yaml')], { env });
    expect(missing.code, missing.stderr).toBe(0);
    expect(missing.stdout.split('\n')[0]).toMatch(/^full read: the base no-such-branch is neither a file nor a git revision/);
    expect(missing.stdout).toContain('update user u1@example.com');
  });

  it('says a plan with nothing to do matches the file only where it read', async () => {
    const base = orgOf(4);
    const { env } = await seededOrg(seedOf(base), { owner: 'owner@example.com' });
    const r = await runCli(['diff', '--base', tmp('base.yaml', fileOf(base)), tmp('org.yaml', `# reviewed\n${fileOf(base)}`)], { env });
    expect(r.stdout).toBe('targeted: 0 people, 0 teams read; the rest of the org was not checked\nNo changes: what was read matches the file.\nSummary: 0 to add, 0 to change, 0 to remove\n');
  });

  it('falls back to a full read when the file\'s _info changes', async () => {
    const base = orgOf(4);
    const { env } = await seededOrg(seedOf(base), { owner: 'owner@example.com' });
    const basePath = tmp('base.yaml', fileOf(base));
    const headPath = tmp('org.yaml', fileOf(base).replace('unlisted_users: remove', 'unlisted_users: ignore'));
    const r = await runCli(['diff', '--format', 'json', '--base', basePath, headPath], { env });
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.targeting).toEqual({ base: basePath, read: 'full', reason: expect.stringContaining('_info changed'), message: expect.stringMatching(/^full read: the file's _info changed/) });
  });

  it('falls back to a full read when reading the touched people one by one costs more than the whole org', async () => {
    const base = orgOf(20);
    const { env } = await seededOrg(seedOf(base), { owner: 'owner@example.com' });
    const head = structuredClone(base);
    for (const u of head.users) u.full_name = `${u.full_name} Renamed`;
    const r = await runCli(['diff', '--format', 'json', '--base', tmp('base.yaml', fileOf(base)), tmp('org.yaml', fileOf(head))], { env });
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.targeting?.message).toBe('full read: reading the 21 touched people, teams and system accounts one by one (about 63 requests) costs more than reading the organization\'s 21 users whole');
    expect(plan.changes).toHaveLength(21);
  });

  it('refuses what a full plan refuses: the token\'s user taken out of Organization Admin (exit 3 with --non-zero-exit-code)', async () => {
    const base = orgOf(12);
    const { env } = await seededOrg(seedOf(base), { owner: 'owner@example.com' });
    const head = structuredClone(base);
    head.users[0]!.teams = [];
    const headPath = tmp('org.yaml', fileOf(head));
    const full = await runCli(['diff', '--non-zero-exit-code', '--format', 'json', headPath], { env });
    const targeted = await runCli(['diff', '--non-zero-exit-code', '--format', 'json', '--base', tmp('base.yaml', fileOf(base)), headPath], { env });
    expect([full.code, targeted.code]).toEqual([3, 3]);
    const [a, b] = [full, targeted].map((r) => JSON.parse(r.stdout) as Plan);
    expect(b!.targeting?.read).toBe('targeted');
    expect(b!.refusals).toEqual(a!.refusals);
    expect(b!.refusals.map((r) => r.guard)).toContain('lock-out');
  });

  it('targets system accounts by name: a changed account, and one the file puts in a changed team', async () => {
    const base = { ...orgOf(8), system_accounts: [
      { name: 'ci-bot', description: 'CI', teams: ['Alpha'], roles: [] as object[] },
      { name: 'deployer', description: 'Deploys', teams: [] as string[], roles: [CP] },
      { name: 'untouched', description: 'Left alone', teams: [] as string[], roles: [] as object[] },
    ] };
    const { env } = await seededOrg(stringify({ _format_version: '1.0', control_planes: [{ name: 'prod', region: 'us' }], ...base }), { owner: 'owner@example.com' });
    const head = structuredClone(base);
    head.system_accounts[1]!.description = 'Deploys to prod';
    head.teams.find((t) => t.name === 'Alpha')!.description = 'Alpha, renamed';
    const fileWith = (org: typeof base) => stringify({ _format_version: '1.0', _info: { unlisted_users: 'remove' }, ...org });
    const headPath = tmp('org.yaml', fileWith(head));
    const full = JSON.parse((await runCli(['diff', '--format', 'json', headPath], { env })).stdout) as Plan;
    const r = await runCli(['diff', '--format', 'json', '--base', tmp('base.yaml', fileWith(base)), headPath], { env });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.targeting).toMatchObject({ read: 'targeted', teams: ['Alpha'], system_accounts: ['ci-bot', 'deployer'] });
    expect(plan.targeting?.message).toBe('targeted: 0 people, 1 team, 2 system accounts read; the rest of the org was not checked');
    expect(ids(plan.changes)).toEqual(ids(full.changes));
    expect(ids(plan.changes)).toEqual(['update team Alpha', 'update system-account deployer']);
  });

  it('saves a plan sync --plan applies', async () => {
    const base = orgOf(8);
    const { org, env } = await seededOrg(seedOf(base), { owner: 'owner@example.com' });
    const headPath = tmp('org.yaml', fileOf(headOf(base)));
    const out = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'plan.json');
    const d = await runCli(['diff', '--base', tmp('base.yaml', fileOf(base)), '--out', out, headPath], { env });
    expect(d.code, d.stderr).toBe(0);
    // Its preconditions name only what it read: the touched people (teams come from the team list, read whole).
    const saved = JSON.parse(readFileSync(out, 'utf8')) as Plan;
    const people = saved.changes.flatMap((c) => c.preconditions ?? []).flatMap((p) => [('email' in p ? p.email : undefined), ('user' in p ? p.user.email : undefined)]);
    const read = new Set(saved.targeting!.people!);
    expect(people.filter((x): x is string => x !== undefined).filter((x) => !read.has(x))).toEqual([]);
    expect(people.length).toBeGreaterThan(5);
    const s = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(s.code, s.stderr).toBe(0);
    expect(org.snapshot().teams.map((t) => t.name)).not.toContain('Epsilon');
    const after = await runCli(['diff', '--format', 'json', headPath], { env });
    expect((JSON.parse(after.stdout) as Plan).changes).toEqual([]);
    expect(JSON.parse(readFileSync(out, 'utf8')).targeting.read).toBe('targeted');
  });
});
