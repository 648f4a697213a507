/**
 * SIGKILL the real binary at random points of a large sync, 20 times: each time the org holds
 * nothing outside the plan, and re-running converges to the desired state.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SeedDocument, startLocalOrg } from '../../src/local-org/index.js';
import { accessOf, duplicateInvites, outside, usersOf } from '../support/access.js';
import { bigOrg } from '../support/big-org.js';
import { desiredFrom, planOnce, syncOnce } from '../support/engine.js';
import { expectedAfterSync } from '../support/oracle.js';
import { mulberry32 } from '../support/random-org.js';
import { BIN as CLI } from '../support/bin.js';

const KILLS = 20;

/** Run the binary and SIGKILL it once the org has seen `writes` write requests: a random point of the plan, not of the clock. */
function killedSync(file: string, log: string, env: Record<string, string>, writesSeen: () => number, writes: number): Promise<void> {
  return new Promise((resolve) => {
    const args = [CLI, 'sync', '--yes', '--force', '--parallelism', '4', '--log-file', log, file];
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
    const poll = setInterval(() => {
      if (writesSeen() >= writes) child.kill('SIGKILL');
    }, 2);
    child.on('exit', () => {
      clearInterval(poll);
      resolve();
    });
  });
}

describe('killed syncs', () => {
  it(`converge on re-run after SIGKILL at ${KILLS} random points`, { timeout: 240_000 }, async () => {
    const { seed, desiredYaml } = bigOrg(120, 60, 4);
    const desired = desiredFrom(desiredYaml);
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-kill-'));
    const file = join(dir, 'org.yaml');
    writeFileSync(file, desiredYaml);

    const expected = expectedAfterSync(seed, desiredYaml);
    const calm = await startLocalOrg({ seed: seed as SeedDocument, token: 'kpat_calm' });
    const initial = accessOf(calm.snapshot());
    const planSize = (await syncOnce(calm, desired)).plan.changes.length;
    await calm.stop();

    const random = mulberry32(7);
    let midway = 0;
    let logged = 0;
    for (let i = 0; i < KILLS; i++) {
      const org = await startLocalOrg({ seed: seed as SeedDocument, token: 'kpat_kill', latencyMs: 5 });
      try {
        const writes = () => org.requestLog().filter((r) => r.method !== 'GET').length;
        const log = join(dir, `sync-${i}.log`);
        await killedSync(file, log, { KONNECT_ADDR: org.addr, KONNECT_TOKEN: 'kpat_kill', NO_COLOR: '1' }, writes, 1 + Math.floor(random() * (planSize - 2)));
        const killedAt = org.snapshot();
        // The log was written as the sync went: every line the killed process left is whole.
        const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
        // A write the server took but whose answer never reached the killed process is not logged.
        expect(lines.length, `kill ${i}: log lines`).toBeLessThanOrEqual(writes());
        logged += lines.length;
        expect(lines.every((l) => l.op && l.kind && l.key && l.method !== 'GET')).toBe(true);
        const now = accessOf(killedAt);
        expect(outside(now, initial, expected.access), `kill ${i}`).toEqual([]);
        const untouched = [...now].sort().join() === [...initial].sort().join();
        const finished = [...now].sort().join() === [...expected.access].sort().join();
        if (!untouched && !finished) midway++;
        await syncOnce(org, desired);
        const data = org.snapshot();
        expect([...accessOf(data)].sort(), `kill ${i}: re-run`).toEqual([...expected.access].sort());
        expect(usersOf(data)).toEqual(expected.users);
        expect(duplicateInvites(data)).toEqual([]);
        expect((await planOnce(org, desired)).changes).toEqual([]);
      } finally {
        await org.stop();
      }
    }
    // The kills must land in the middle of applying, or the test proves nothing.
    expect(midway).toBeGreaterThanOrEqual(KILLS * 0.6);
    expect(logged).toBeGreaterThan(KILLS);
  });
});
