/**
 * Ctrl-C while dump, diff or sync is still reading: the progress line is taken away, the run
 * says nothing was changed (or written) and exits 130, at once. Before, it died silently and
 * left the prompt on the progress line. In-process with the handler called, and the real binary
 * with a real SIGINT.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../cmd/run.js';
import type { LocalOrg } from '../../src/local-org/index.js';
import { bigOrg } from '../support/big-org.js';
import { captureIo } from '../support/io.js';
import { seededOrg } from '../support/org.js';
import { BIN as CLI } from '../support/bin.js';
import { stringify } from 'yaml';

const CLEAR = '\r\u001b[2K';

async function slowOrg() {
  const { seed, desiredYaml } = bigOrg(60, 40, 4);
  // Every answer takes 800 ms: the reads (about 110 of them, 8 at a time) are still under way
  // for seconds after the signal comes.
  const { org, env } = await seededOrg(stringify(seed), { latencyMs: 800 });
  const dir = mkdtempSync(join(tmpdir(), 'orgdeck-intr-'));
  const file = join(dir, 'org.yaml');
  writeFileSync(file, desiredYaml);
  return { org, env: { ...env, NO_COLOR: '1' }, file, dir };
}

/** Calls `act` once the org has been asked something and `ms` have passed. */
function afterFirstRequest(org: LocalOrg, ms: number, act: () => void): void {
  const poll = setInterval(() => {
    if (org.requestLog().length > 0) {
      clearInterval(poll);
      setTimeout(act, ms);
    }
  }, 5);
}

const writes = (org: LocalOrg) => org.requestLog().filter((r) => r.method !== 'GET').length;

describe('Ctrl-C before the first write', () => {
  it.each([
    ['diff', 'changed'],
    ['sync', 'changed'],
    ['dump', 'written'],
  ])('%s: ends the progress line, says nothing was %s, exits 130', { timeout: 30_000 }, async (command, what) => {
    const { org, env, file, dir } = await slowOrg();
    const c = captureIo({ env, stderrIsTTY: true });
    let interrupt = () => {};
    let listening = false;
    const io = {
      ...c.io,
      onInterrupt: (h: () => void) => {
        interrupt = h;
        listening = true;
        return () => {
          listening = false;
        };
      },
    };
    const out = join(dir, 'dump.yaml');
    const argv = command === 'dump' ? ['dump', '-o', out] : command === 'sync' ? ['sync', '--yes', '--force', file] : ['diff', file];
    // Long enough for the progress line to be drawn (once a second).
    let interruptedAt = 0;
    afterFirstRequest(org, 1500, () => {
      interruptedAt = Date.now();
      interrupt();
    });
    const code = await run(argv, io);
    const { stdout, stderr } = c.text();
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('reading ');
    // The line is cleared, then the sentence starts on a clean line: the prompt will too.
    expect(stderr.endsWith(`${CLEAR}Interrupted: nothing was ${what}.\n`), JSON.stringify(stderr.slice(-200))).toBe(true);
    expect(stdout).toBe('');
    expect(writes(org)).toBe(0);
    expect(existsSync(out)).toBe(false);
    expect(listening).toBe(false);
    // At once: not after the reads still in flight (many answers of 800 ms each). Timed from the
    // signal, so starting up on a loaded machine does not count.
    expect(Date.now() - interruptedAt).toBeLessThan(3000);
    // Nothing more is sent after the signal: the (at most 8) reads in flight finish and are logged
    // as their answers leave; no new one starts. Reads going on would log 8 more every 800 ms.
    const loggedAtReturn = org.requestLog().length;
    await new Promise((r) => setTimeout(r, 2400));
    expect(org.requestLog().length - loggedAtReturn).toBeLessThanOrEqual(8);
  });

  it('the real binary, SIGINT while diff reads: the sentence, exit 130, promptly', { timeout: 30_000 }, async () => {
    const { org, env, file } = await slowOrg();
    const child = spawn(process.execPath, [CLI, 'diff', file], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let sent = 0;
    afterFirstRequest(org, 300, () => {
      sent = Date.now();
      child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/Interrupted: nothing was changed\.\n$/);
    expect(stderr).not.toMatch(/Internal error|at .*\.js:\d+/);
    expect(stdout).toBe('');
    expect(Date.now() - sent).toBeLessThan(3000);
  });
});
