/**
 * What may never end is read up to a limit and no further: a state file from standard input
 * (`orgdeck validate - < /dev/zero`) and a saved plan (`sync --plan /dev/zero`) are refused with
 * the limit's sentence, instead of being read until memory runs out.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/bin.js';

describe('state file from standard input', () => {
  it('stops reading an endless stream at the limit and says so', async () => {
    const zero = openSync('/dev/zero', 'r');
    const child = spawn(process.execPath, [BIN, 'validate', '-'], { stdio: [zero, 'pipe', 'pipe'] });
    closeSync(zero); // the child has its own copy
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('-:1:1  /  The file is more than 32 MiB; state files are limited to 32 MiB.');
  }, 30_000);
});

describe('a saved plan', () => {
  it('is read up to its limit and no further: sync --plan /dev/zero is refused, not read forever', async () => {
    const child = spawn(process.execPath, [BIN, 'sync', '--plan', '/dev/zero', '--yes'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, KONNECT_ADDR: 'http://127.0.0.1:1/{region}', KONNECT_TOKEN: 'kpat_x' },
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('The plan "/dev/zero" is more than 256 MiB, larger than any plan orgdeck writes.');
  }, 30_000);
});
