/**
 * Bench 4: the 300-user sync while 20% of requests fail (5xx or a cut connection, half of the
 * failed writes after taking effect), with a fast retry policy. Syncs are repeated until a
 * diff is empty; no invitation email may go out twice.
 */
import { ApiError, ConnectionError } from '../../src/errors.js';
import { clientFor, duplicateInvites, FAST_RETRY, type Orgs, syncOnce } from './harness.js';
import { int, median, ms, spread, table } from './measure.js';
import { type BenchResult, LATENCY_MS, repetitions } from './result.js';
import { SYNC_USERS, syncScenario } from './scenario.js';

const FAIL_RATE = 0.2;
const FAULT_SEED = 20_240_601;
const PARALLELISM = 8;
/** Syncs allowed before calling it "not converging". */
const MAX_SYNCS = 5;

interface Sample {
  ms: number;
  firstMs: number;
  syncs: number;
  converged: boolean;
  failedFirst: number;
  requests: number;
  retries: number;
  duplicates: number | undefined;
  maxInFlight: number;
  errors: string[];
}

export async function benchFaults(orgs: Orgs): Promise<BenchResult> {
  const runs = repetitions();
  const scenario = syncScenario();
  const once = async (): Promise<Sample> => {
    const org = await orgs.start(scenario.seed, { latencyMs: LATENCY_MS, failRate: FAIL_RATE, faultSeed: FAULT_SEED });
    let retries = 0;
    const client = clientFor(org, PARALLELISM, { retry: FAST_RETRY, onAttempt: (a) => void (a.attempt > 1 && retries++) });
    const s: Sample = { ms: 0, firstMs: 0, syncs: 0, converged: false, failedFirst: 0, requests: 0, retries: 0, duplicates: undefined, maxInFlight: 0, errors: [] };
    try {
      while (s.syncs < MAX_SYNCS) {
        const t0 = performance.now();
        try {
          const run = await syncOnce(org, scenario.desired, client);
          if (run.plan.changes.length === 0) {
            s.converged = true;
            break;
          }
          if (s.syncs === 0) s.failedFirst = run.failed;
        } catch (err) {
          // A fetch that gave up: the sync fails as a whole, and the next one starts over.
          if (!(err instanceof ApiError || err instanceof ConnectionError)) throw err;
          s.errors.push(err.message);
        }
        s.syncs++;
        s.ms += performance.now() - t0;
        if (s.syncs === 1) s.firstMs = s.ms;
      }
      const stats = org.stats();
      return { ...s, requests: stats.requests, retries, duplicates: duplicateInvites(org), maxInFlight: stats.maxInFlight };
    } finally {
      await org.stop();
    }
  };
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());

  const problems: string[] = [];
  const maxInFlight = Math.max(...samples.map((x) => x.maxInFlight));
  if (maxInFlight > PARALLELISM) problems.push(`faults: the server saw ${maxInFlight} requests in flight at --parallelism ${PARALLELISM}`);
  for (const x of samples.filter((x) => !x.converged)) problems.push(`faults: not converged after ${MAX_SYNCS} syncs (${x.errors[0] ?? 'steps kept failing'})`);
  const dupes = samples.map((x) => x.duplicates);
  const outbox = dupes.every((d) => d !== undefined);
  if (outbox && dupes.some((d) => d! > 0)) problems.push(`faults: ${Math.max(...dupes.map((d) => d!))} addresses were sent an invitation twice`);

  const header = ['syncs to converge', 'median (all syncs)', 'runs (ms)', 'first sync', 'failed in 1st', 'requests', 'retries', 'max in flight', ...(outbox ? ['dup invites'] : [])];
  const row = [
    samples.map((x) => (x.converged ? String(x.syncs) : `>${MAX_SYNCS}`)).join('/'),
    ms(median(samples.map((x) => x.ms))),
    spread(samples.map((x) => x.ms)),
    ms(median(samples.map((x) => x.firstMs))),
    samples.map((x) => x.failedFirst).join('/'),
    int(median(samples.map((x) => x.requests))),
    int(median(samples.map((x) => x.retries))),
    String(maxInFlight),
    ...(outbox ? [dupes.join('/')] : []),
  ];
  const title = `4. sync under faults — ${SYNC_USERS} users, failRate ${FAIL_RATE} (faultSeed ${FAULT_SEED}), ${LATENCY_MS} ms latency, parallelism ${PARALLELISM}, fast retries, ${runs} runs`;
  const notes = [
    `  requests and retries include the final empty diff; per-run figures are separated by "/"`,
    outbox ? '' : '  duplicate invites: not checked (this local org keeps no invitation outbox)',
  ].filter(Boolean);
  return { text: `${table(title, header, [row])}\n${notes.join('\n')}`, problems };
}
