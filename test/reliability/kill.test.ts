/**
 * SIGKILL the real binary at random points of a large sync, 20 times: each time the org holds
 * nothing outside the plan, and re-running converges to the desired state.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SeedDocument, startLocalOrg } from '../../src/local-org/index.js';
import { accessOf, duplicateInvites, outside, usersOf } from '../support/access.js';
import { bigOrg } from '../support/big-org.js';
import { desiredFrom, planOnce, syncOnce } from '../support/engine.js';
import { mulberry32 } from '../support/random-org.js';

const CLI = join(import.meta.dirname, '../../dist/cmd/cli.js');
const KILLS = 20;

/** Run the binary and SIGKILL it once the org has seen `writes` write requests: a random point of the plan, not of the clock. */
function killedSync(file: string, env: Record<string, string>, writesSeen: () => number, writes: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'sync', '--yes', '--force', '--parallelism', '4', file], { env: { ...process.env, ...env }, stdio: 'ignore' });
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
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-kill-')), 'org.yaml');
    writeFileSync(file, desiredYaml);

    const calm = await startLocalOrg({ seed: seed as SeedDocument, token: 'kpat_calm' });
    const initial = accessOf(calm.snapshot());
    const planSize = (await syncOnce(calm, desired)).plan.changes.length;
    const expected = { access: accessOf(calm.snapshot()), users: usersOf(calm.snapshot()) };
    await calm.stop();

    const random = mulberry32(7);
    let midway = 0;
    for (let i = 0; i < KILLS; i++) {
      const org = await startLocalOrg({ seed: seed as SeedDocument, token: 'kpat_kill', latencyMs: 5 });
      try {
        const writes = () => org.requestLog().filter((r) => r.method !== 'GET').length;
        await killedSync(file, { KONNECT_ADDR: org.addr, KONNECT_TOKEN: 'kpat_kill', NO_COLOR: '1' }, writes, 1 + Math.floor(random() * (planSize - 2)));
        const killedAt = org.snapshot();
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
  });
});
