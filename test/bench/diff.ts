/** Bench 2: diff (fetch + plan) of a 1,000-user org over a 20 ms link, parallelism 1 vs 8. */
import { clientFor, desiredFrom, diffOnce, type Orgs } from './harness.js';
import { int, median, ms, ratio, spread, table } from './measure.js';
import { type BenchResult, LATENCY_MS, repetitions } from './result.js';
import { driftedPair, seedOf, stateYaml } from './synthetic.js';

const USERS = 1_000;
const PARALLELISM = [1, 8];

interface Sample {
  ms: number;
  requests: number;
  maxInFlight: number;
  changes: number;
}

export async function benchDiff(orgs: Orgs): Promise<BenchResult> {
  const runs = repetitions();
  const pair = driftedPair(USERS, 2, { missing: 10, renamed: 10, movedTeam: 10, changedGrant: 10, extra: 5 });
  const desired = desiredFrom(stateYaml(pair.desired));
  const seed = seedOf(pair.live);
  const once = async (parallelism: number): Promise<Sample> => {
    const org = await orgs.start(seed, { latencyMs: LATENCY_MS });
    try {
      const run = await diffOnce(org, desired, clientFor(org, parallelism));
      return { ms: run.ms, requests: run.requests, maxInFlight: org.stats().maxInFlight, changes: run.plan.changes.length };
    } finally {
      await org.stop();
    }
  };
  await once(8); // warm-up: JIT, first connections
  const samples = new Map<number, Sample[]>(PARALLELISM.map((p) => [p, []]));
  // Interleaved, so a burst of noise on the shared machine hits every setting alike.
  for (let i = 0; i < runs; i++) for (const p of PARALLELISM) samples.get(p)!.push(await once(p));

  const problems: string[] = [];
  const rows = PARALLELISM.map((p) => {
    const s = samples.get(p)!;
    const maxInFlight = Math.max(...s.map((x) => x.maxInFlight));
    if (maxInFlight > p) problems.push(`diff: the server saw ${maxInFlight} requests in flight at --parallelism ${p}`);
    const requests = median(s.map((x) => x.requests));
    const floor = (requests * LATENCY_MS) / p;
    return [String(p), ms(median(s.map((x) => x.ms))), spread(s.map((x) => x.ms)), int(requests), `${maxInFlight}`, ms(floor), int(s[0]!.changes)];
  });
  const m = (p: number) => median(samples.get(p)!.map((x) => x.ms));
  const title = `2. diff — fetch + plan, ${int(USERS)} users, ${LATENCY_MS} ms latency, median of ${runs} (interleaved, fresh org each)`;
  const header = ['parallelism', 'median', 'runs (ms)', 'requests', 'max in flight', 'latency floor', 'changes'];
  const footer = `  speed-up 8 vs 1: ${ratio(m(1) / m(8))}   (latency floor = requests × ${LATENCY_MS} ms ÷ parallelism)`;
  return { text: `${table(title, header, rows)}\n${footer}`, problems };
}
