/**
 * During an outage sync stops starting steps instead of retrying each remaining one six times.
 * Counted in requests with an injected clock and sleep: nothing here waits.
 */
import { describe, expect, it } from 'vitest';
import { applyPlan, countResults } from '../../src/apply/apply.js';
import { planOf } from '../../src/plan/build.js';
import { Breaker, type BreakerLimits } from '../../src/konnect/breaker.js';
import { KonnectClient } from '../../src/konnect/client.js';
import type { Transport } from '../../src/konnect/transport.js';
import type { Change } from '../../src/plan/types.js';

const STEPS = 30;
const changes: Change[] = Array.from({ length: STEPS }, (_, i) => ({
  op: 'update',
  kind: 'user',
  key: `u${i}@example.com`,
  user: { email: `u${i}@example.com`, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
  before: { full_name: 'Old' },
  after: { full_name: 'New' },
}));

/** Konnect answers the first `answered` requests, then refuses every connection; each attempt takes `msPerAttempt` on the clock. */
function outage(answered: number, msPerAttempt = 5) {
  let t = 0;
  let calls = 0;
  const transport: Transport = async () => {
    t += msPerAttempt;
    if (++calls <= answered) return { status: 200, headers: {}, text: '' };
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
  };
  return { transport, now: () => t, calls: () => calls };
}

async function run(limits: BreakerLimits, o: ReturnType<typeof outage>, parallelism = 2) {
  const client = new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 'kpat_test', transport: o.transport, parallelism, timeoutMs: 1000, now: o.now, sleep: async () => {}, random: () => 0.5, breaker: new Breaker(limits, o.now) });
  const report = await applyPlan(planOf(changes, []), { client, userIds: new Map(), teamIds: new Map(), halted: () => client.outage });
  return { report, counts: countResults(report) };
}

describe('an outage during sync', () => {
  it('without a breaker, every remaining step is tried six times (what the issue reproduced)', async () => {
    const o = outage(5);
    const { counts } = await run({ failuresInARow: Number.POSITIVE_INFINITY, quietMs: Number.POSITIVE_INFINITY }, o);
    expect(counts).toMatchObject({ done: 5, failed: STEPS - 5, 'not-started': 0 });
    expect(o.calls()).toBe(5 + (STEPS - 5) * 6);
  });

  it('after K failures in a row, no step starts and no request is retried: the rest are "not started"', async () => {
    const o = outage(5);
    const { report, counts } = await run({ failuresInARow: 6, quietMs: 30_000 }, o);
    // The 6th failure opens the breaker; at most the other request in flight is still answered.
    expect(o.calls() - 5).toBeGreaterThanOrEqual(6);
    expect(o.calls() - 5).toBeLessThanOrEqual(6 + 1);
    expect(counts.done).toBe(5);
    // Every step that sent a request failed after one or two tries; none of the rest started.
    expect(counts.failed).toBeLessThanOrEqual(6 + 1);
    expect(counts['not-started']).toBe(STEPS - 5 - counts.failed);
    const stopped = report.results.find((r) => r.status === 'not-started');
    expect(stopped?.reason).toMatch(/^6 requests in a row failed \(the last: PATCH \/v3\/users\/[0-9a-f-]+: the connection was refused\)$/);
    // The steps in flight say why they stopped trying.
    for (const r of report.results.filter((x) => x.status === 'failed')) expect(r.reason).toMatch(/^the connection was refused — not retried: 6 requests in a row failed|^not sent: 6 requests in a row failed/);
  });

  it('slow failures (timeouts) open it after the quiet window on the injected clock', async () => {
    const o = outage(5, 10_000);
    const { counts } = await run({ failuresInARow: 1000, quietMs: 30_000 }, o, 1);
    // Last answer at 50 s; failures at 60, 70, 80 s: the third is 30 s after the answer.
    expect(o.calls()).toBe(5 + 3);
    expect(counts).toMatchObject({ done: 5, failed: 3, 'not-started': STEPS - 8 });
  });
});
