/**
 * Standard input is read up to the size limit of a state file and no further: a stream that never
 * ends (`orgdeck validate - < /dev/zero`) is refused with the limit's sentence, instead of being
 * read until memory runs out.
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
