/**
 * `npm run bench`: orgdeck's benchmarks, one after another in one process (the machine is
 * shared; nothing else of ours should compete), each printing its table as it finishes.
 * Local orgs listen on 127.0.0.1, port 0; nothing leaves the machine. A broken invariant
 * (requests in flight over --parallelism, a sync that does not converge) fails the run.
 */
import { availableParallelism } from 'node:os';
import { afterAll, expect, it } from 'vitest';
import { benchDiff } from './diff.js';
import { benchFaults } from './faults.js';
import { Orgs } from './harness.js';
import type { BenchResult } from './result.js';
import { repetitions } from './result.js';
import { benchSync } from './sync.js';
import { benchValidate } from './validate.js';

const orgs = new Orgs();
const started = performance.now();
afterAll(async () => {
  await orgs.stopAll();
  console.log(`\nbenchmarks took ${((performance.now() - started) / 1000).toFixed(0)} s`);
});

console.log(`orgdeck benchmarks — node ${process.version}, ${availableParallelism()} CPUs, ${repetitions()} repetitions per timed case (ORGDECK_BENCH_RUNS)`);

async function report(run: Promise<BenchResult>): Promise<void> {
  const result = await run;
  console.log(result.text);
  expect(result.problems).toEqual([]);
}

const MINUTES = 60_000;
it('validate', () => report(benchValidate()), 3 * MINUTES);
it('diff', () => report(benchDiff(orgs)), 5 * MINUTES);
it('sync', () => report(benchSync(orgs)), 5 * MINUTES);
it('sync under faults', () => report(benchFaults(orgs)), 5 * MINUTES);
