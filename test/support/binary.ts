/** Build the single executable (`npm run build:binary`) and run it as a user's shell would. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './readme.js';

const exec = promisify(execFile);

/** Builds orgdeck into `outDir` with .ci/build-binary.mjs; the path of the executable. */
export async function buildBinary(outDir: string): Promise<string> {
  const { stdout } = await exec(process.execPath, [join(ROOT, '.ci', 'build-binary.mjs'), '--out', outDir], { cwd: ROOT, maxBuffer: 1 << 24 });
  return stdout.trim().split('\n').at(-1)!;
}

/**
 * Runs it without blocking this process (a local org served from here must keep answering),
 * with only `env`: no PATH, so no `node` to fall back on.
 */
export async function runBinary(exe: string, args: string[], opts: { cwd: string; env?: Record<string, string> }) {
  try {
    const { stdout, stderr } = await exec(exe, args, { cwd: opts.cwd, env: { PATH: '', ...opts.env }, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}
