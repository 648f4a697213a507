/**
 * A reader that stops early (`orgdeck --help | head -3`, `orgdeck dump | head`): the rest of the
 * output has no one to read it. orgdeck stops writing it, with no stack trace, and the command
 * runs to its end (a sync piped to head still finishes what it started).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/bin.js';

function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  // Closed before the child writes: its first write meets a pipe with no reader (EPIPE).
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('stdout closed by its reader', { timeout: 30_000 }, () => {
  it('--help and completion end quietly with their own exit code, no EPIPE stack trace', async () => {
    for (const args of [['--help'], ['completion', 'bash'], ['validate', 'examples/org.yaml']]) {
      expect(await runWithClosedStdout(args), args.join(' ')).toEqual({ code: 0, stderr: '' });
    }
  });
});
