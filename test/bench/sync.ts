/** Bench 3: sync of the 300-user drifted scenario over a 20 ms link at parallelism 1, 4, 8; then a re-sync must be empty. */
import { clientFor, type Orgs, syncOnce } from './harness.js';
import { int, median, ms, ratio, spread, table } from './measure.js';
import { type BenchResult, LATENCY_MS, repetitions } from './result.js';
import { changeMix, SYNC_USERS, syncScenario } from './scenario.js';

const PARALLELISM = [1, 4, 8];

interface Sample {
  ms: number;
  changes: number;
  fetchRequests: number;
  applyRequests: number;
  failed: number;
  leftAfter: number;
  maxInFlight: number;
}

export async function benchSync(orgs: Orgs): Promise<BenchResult> {
  const runs = repetitions();
  const scenario = syncScenario();
  let mix = '';
  const once = async (parallelism: number): Promise<Sample> => {
    const org = await orgs.start(scenario.seed, { latencyMs: LATENCY_MS });
    try {
      const run = await syncOnce(org, scenario.desired, clientFor(org, parallelism));
      const { maxInFlight } = org.stats();
      mix ||= changeMix(run.plan.changes);
      // The check is not timed: run it at full parallelism, after reading the cap the timed sync kept.
      const again = await syncOnce(org, scenario.desired, clientFor(org, 8));
      return {
        ms: run.ms, changes: run.plan.changes.length, fetchRequests: run.fetchRequests, applyRequests: run.applyRequests,
        failed: run.failed, leftAfter: again.plan.changes.length, maxInFlight,
      };
    } finally {
      await org.stop();
    }
  };
  const samples = new Map<number, Sample[]>(PARALLELISM.map((p) => [p, []]));
  for (let i = 0; i < runs; i++) for (const p of PARALLELISM) samples.get(p)!.push(await once(p));

  const problems: string[] = [];
  const all = [...samples.values()].flat();
  const rows = PARALLELISM.map((p) => {
    const s = samples.get(p)!;
    const maxInFlight = Math.max(...s.map((x) => x.maxInFlight));
    if (maxInFlight > p) problems.push(`sync: the server saw ${maxInFlight} requests in flight at --parallelism ${p}`);
    const changes = median(s.map((x) => x.changes));
    const applyRequests = median(s.map((x) => x.applyRequests));
    return [
      String(p), ms(median(s.map((x) => x.ms))), spread(s.map((x) => x.ms)), int(changes),
      int(median(s.map((x) => x.fetchRequests))), int(applyRequests), (applyRequests / changes).toFixed(2),
      String(Math.max(...s.map((x) => x.failed))), String(maxInFlight),
    ];
  });
  const left = all.filter((x) => x.leftAfter > 0 || x.failed > 0);
  for (const x of left) problems.push(`sync: ${x.failed} steps failed and a second sync still found ${x.leftAfter} changes`);
  const m = (p: number) => median(samples.get(p)!.map((x) => x.ms));
  const title = `3. sync — ${SYNC_USERS}-user drifted org, ${LATENCY_MS} ms latency, fetch + plan + apply, median of ${runs} (fresh org each)`;
  const header = ['parallelism', 'median', 'runs (ms)', 'changes', 'fetch req', 'apply req', 'req/change', 'failed', 'max in flight'];
  const footer = [
    `  changes: ${mix}`,
    `  speed-up 4 vs 1: ${ratio(m(1) / m(4))}   8 vs 1: ${ratio(m(1) / m(8))}`,
    `  converged: ${left.length === 0 ? 'yes' : 'NO'} (a second sync found 0 changes in ${all.length - left.length}/${all.length} runs)`,
  ];
  return { text: `${table(title, header, rows)}\n${footer.join('\n')}`, problems };
}
