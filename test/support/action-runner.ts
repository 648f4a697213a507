/**
 * Runs the shell steps of a composite action the way a GitHub runner does: each `run:` with
 * `bash --noprofile --norc -eo pipefail`, `${{ inputs.* }}` and `${{ github.action_path }}`
 * substituted, the GITHUB_* files read back between steps (PATH additions, env, outputs).
 * `uses:` steps are skipped and reported (this machine's Node stands in for actions/setup-node).
 * Any other expression throws, so an action this cannot run faithfully fails its test.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const exec = promisify(execFile);

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export interface ActionRun {
  code: number;
  log: string;
  outputs: Record<string, string>;
  /** Folders the action added to PATH, first one first. */
  path: string[];
  skipped: string[];
}

/** A file GitHub hands a step (GITHUB_OUTPUT, GITHUB_ENV), read back as `K=V` lines. */
function readPairs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const pairs: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    if (line.includes('<<')) throw new Error(`multi-line values are not supported here: ${line}`);
    const at = line.indexOf('=');
    pairs[line.slice(0, at)] = line.slice(at + 1);
  }
  return pairs;
}

export async function runAction(actionPath: string, opts: { workspace: string; inputs: Record<string, string>; env?: Record<string, string> }): Promise<ActionRun> {
  const action = parse(readFileSync(join(actionPath, 'action.yml'), 'utf8')) as Action;
  if (action.runs.using !== 'composite') throw new Error(`not a composite action: ${action.runs.using}`);
  for (const name of Object.keys(opts.inputs)) if (!(name in action.inputs)) throw new Error(`the action has no input ${name}`);
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, opts.inputs[k] ?? v.default ?? '']));
  const steps: Record<string, Record<string, string>> = {};
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(expr);
      if (input) return inputs[input[1]!] ?? '';
      if (expr === 'github.action_path') return actionPath;
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (output) return steps[output[1]!]?.[output[2]!] ?? '';
      throw new Error(`unsupported expression: ${expr}`);
    });
  const condition = (expr: string) => {
    const m = /^inputs\.([\w-]+) != ''$/.exec(expr.trim());
    if (!m) throw new Error(`unsupported condition: ${expr}`);
    return inputs[m[1]!] !== '';
  };

  const temp = mkdtempSync(join(tmpdir(), 'orgdeck-runner-'));
  const files = { GITHUB_ENV: join(temp, 'env'), GITHUB_PATH: join(temp, 'path') };
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  let env: Record<string, string> = { ...opts.env, ...inputEnv, GITHUB_WORKSPACE: opts.workspace, GITHUB_ACTION_PATH: actionPath, RUNNER_TEMP: temp, ...files };
  const result: ActionRun = { code: 0, log: '', outputs: {}, path: [], skipped: [] };
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.if !== undefined && !condition(step.if)) continue;
    if (step.uses) {
      result.skipped.push(step.uses);
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`step ${i}: shell ${step.shell} (composite steps must name their shell)`);
    const script = join(temp, `step-${i}.sh`);
    writeFileSync(script, expand(step.run!));
    const output = join(temp, `output-${i}`);
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)]));
    const PATH = [...result.path].reverse().concat(env.PATH ?? '').join(delimiter);
    const cwd = step['working-directory'] ? expand(step['working-directory']) : opts.workspace;
    try {
      const r = await exec('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env: { ...env, ...stepEnv, PATH, GITHUB_OUTPUT: output }, encoding: 'utf8', maxBuffer: 1 << 24 });
      result.log += r.stdout + r.stderr;
    } catch (e) {
      const err = e as { code?: number | string; stdout?: string; stderr?: string };
      if (typeof err.code !== 'number') throw e;
      result.log += (err.stdout ?? '') + (err.stderr ?? '');
      result.code = err.code;
    }
    if (step.id) steps[step.id] = readPairs(output);
    env = { ...env, ...readPairs(files.GITHUB_ENV) };
    result.path = existsSync(files.GITHUB_PATH) ? readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean) : [];
    if (result.code !== 0) break;
  }
  result.outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([k, v]) => [k, expand(v.value)]));
  return result;
}
