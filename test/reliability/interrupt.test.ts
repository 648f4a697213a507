/**
 * Ctrl-C or SIGTERM during sync: no new step starts, the steps in flight finish, orgdeck says
 * how many were applied and how many never started, and exits 130. The applied count is checked
 * against the writes the org saw, so the screen never understates what was done. The real
 * binary gets real signals; the in-process run gets the same handler called.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../cmd/run.js';
import type { LocalOrg } from '../../src/local-org/index.js';
import { bigOrg } from '../support/big-org.js';
import { desiredFrom, planOnce, syncOnce } from '../support/engine.js';
import { captureIo } from '../support/io.js';
import { seededOrg } from '../support/org.js';
import { BIN as CLI } from '../support/bin.js';
import { stringify } from 'yaml';

const INTERRUPTED = /^Interrupted: (\d+) applied, (\d+) not started\. Run sync again to finish\.$/m;

async function drifted() {
  const { seed, desiredYaml } = bigOrg(80, 40, 4);
  const { org, env } = await seededOrg(stringify(seed), { latencyMs: 15 });
  const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-int-')), 'org.yaml');
  writeFileSync(file, desiredYaml);
  const total = (await planOnce(org, desiredFrom(desiredYaml))).changes.length;
  return { org, env: { ...env, NO_COLOR: '1' }, file, desiredYaml, total };
}

const writes = (org: LocalOrg) => org.requestLog().filter((r) => r.method !== 'GET').length;

/** Calls `act` once the org has seen `n` writes. */
function whenWrites(org: LocalOrg, n: number, act: () => void): () => void {
  const poll = setInterval(() => {
    if (writes(org) >= n) {
      clearInterval(poll);
      act();
    }
  }, 2);
  return () => clearInterval(poll);
}

/** What every interrupted run must show, whoever sent the signal. */
function expectInterrupted(stdout: string, org: LocalOrg, total: number): void {
  const m = INTERRUPTED.exec(stdout);
  expect(m, stdout.slice(-500)).not.toBeNull();
  const [applied, notStarted] = [Number(m![1]), Number(m![2])];
  // What the screen says was applied is what the org received: nothing more, nothing less.
  expect(applied).toBe(writes(org));
  expect(stdout.match(/^\[\d+\/\d+\] .*: (done|already done)$/gm)?.length).toBe(applied);
  expect(applied + notStarted).toBe(total);
  // It stopped in the middle: something was done and something was left.
  expect(applied).toBeGreaterThanOrEqual(20);
  expect(notStarted).toBeGreaterThan(0);
}

describe('interrupting sync', () => {
  it('in-process: the interrupt handler stops new steps, in-flight ones finish, exit 130', { timeout: 60_000 }, async () => {
    const { org, env, file, desiredYaml, total } = await drifted();
    const c = captureIo({ env });
    let interrupt: () => void = () => {};
    let listening = false;
    const onInterrupt = (h: () => void) => {
      interrupt = h;
      listening = true;
      return () => {
        listening = false;
      };
    };
    const io = { ...c.io, onInterrupt };
    const stop = whenWrites(org, 20, () => interrupt());
    const code = await run(['sync', '--yes', '--force', '--parallelism', '4', file], io);
    stop();
    const { stdout, stderr } = c.text();
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('Stopping: no new step starts; the steps in flight finish first (Ctrl-C again stops at once).');
    expectInterrupted(stdout, org, total);
    expect(listening).toBe(false);
    // Running sync again finishes the job.
    await syncOnce(org, desiredFrom(desiredYaml));
    expect((await planOnce(org, desiredFrom(desiredYaml))).changes).toEqual([]);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`the real binary, ${signal} mid-sync: the same report, exit 130`, { timeout: 60_000 }, async () => {
      const { org, env, file, total } = await drifted();
      const child = spawn(process.execPath, [CLI, 'sync', '--yes', '--force', '--parallelism', '4', file], { env: { ...process.env, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const stop = whenWrites(org, 20, () => child.kill(signal));
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      stop();
      expect(code, stderr).toBe(130);
      expect(stderr).not.toMatch(/Internal error|at .*\.js:\d+/);
      expectInterrupted(stdout, org, total);
    });
  }
});
