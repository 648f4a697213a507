/**
 * What may never end is read up to a limit and no further: a state file from standard input
 * (`orgdeck validate - < /dev/zero`) and a saved plan (`sync --plan /dev/zero`) are refused with
 * the limit's sentence, instead of being read until memory runs out.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/bin.js';

/** The bin's exit code and stderr; killed after 20 s, as a version that reads forever would be. */
async function runBin(args: string[], stdin: 'ignore' | number, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: [stdin, 'pipe', 'pipe'], env });
  if (typeof stdin === 'number') closeSync(stdin); // the child has its own copy
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, stderr };
}

describe('state file from standard input', () => {
  it('stops reading an endless stream at the limit and says so', async () => {
    const { code, stderr } = await runBin(['validate', '-'], openSync('/dev/zero', 'r'));
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('-:1:1  /  The file is more than 32 MiB; state files are limited to 32 MiB.');
  }, 30_000);
});

describe('a saved plan', () => {
  it('is read up to its limit and no further: sync --plan /dev/zero is refused, not read forever', async () => {
    const env = { ...process.env, KONNECT_ADDR: 'http://127.0.0.1:1/{region}', KONNECT_TOKEN: 'kpat_x' };
    const { code, stderr } = await runBin(['sync', '--plan', '/dev/zero', '--yes'], 'ignore', env);
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('The plan "/dev/zero" is more than 256 MiB, larger than any plan orgdeck writes.');
  }, 30_000);
});
