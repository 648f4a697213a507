/**
 * For random desired/live pairs: after one sync, a fresh diff is empty (live == desired within
 * scope); and every intermediate state observed after each write holds only access that was
 * in the old live org or is in the desired one.
 */
import { describe, expect, it } from 'vitest';
import { type SeedDocument, startLocalOrg } from '../../src/local-org/index.js';
import { accessOf, outside, usersOf } from '../support/access.js';
import { expectedAfterSync } from '../support/oracle.js';
import { desiredFrom, planOnce, syncOnce } from '../support/engine.js';
import { randomPair } from '../support/random-org.js';

const RUNS = 40;

/** The person an access string belongs to, if a user holds it directly or by membership. */
function holder(access: string): string | undefined {
  return /^member [^/]+\/(\S+)$/.exec(access)?.[1] ?? /^role user ([^/]+)\//.exec(access)?.[1];
}

describe('sync, property-based', () => {
  it(`converges and never grants what neither side holds (${RUNS} random pairs)`, async () => {
    let changesSeen = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      const pair = randomPair(seed);
      const org = await startLocalOrg({ seed: pair.seed as SeedDocument, token: 'kpat_property' });
      try {
        const desired = desiredFrom(pair.desiredYaml);
        const expected = expectedAfterSync(pair.seed, pair.desiredYaml);
        const before = accessOf(org.snapshot());
        const states: Set<string>[] = [];
        const { plan, report } = await syncOnce(org, desired, { parallelism: 3, afterWrite: () => states.push(accessOf(org.snapshot())) });
        changesSeen += plan.changes.length;
        expect(report.results.filter((x) => x.status === 'failed' || x.status === 'skipped'), `seed ${seed}`).toEqual([]);
        expect((await planOnce(org, desired)).changes, `seed ${seed}: second diff`).toEqual([]);
        const after = accessOf(org.snapshot());
        expect([...after].sort(), `seed ${seed}: access after sync`).toEqual([...expected.access].sort());
        expect(usersOf(org.snapshot()), `seed ${seed}: users after sync`).toEqual(expected.users);
        const people = [...new Set([...before].map(holder))].filter((p) => p && [...after].some((a) => holder(a) === p));
        for (const [i, state] of states.entries()) {
          expect(outside(state, before, after), `seed ${seed}, after write ${i + 1}`).toEqual([]);
          // Access is added before any is removed: nobody who keeps access is left with none in between.
          const stripped = people.filter((p) => ![...state].some((a) => holder(a) === p));
          expect(stripped, `seed ${seed}, after write ${i + 1}: left with no access`).toEqual([]);
        }
      } finally {
        await org.stop();
      }
    }
    expect(changesSeen).toBeGreaterThan(RUNS * 5);
  });
});
