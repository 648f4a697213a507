/**
 * ORGDECK_BENCH=faults-ratelimit: issue 25's acceptance for faults and rate limits together.
 * org-1k (the org-10k generator at 1,000 users, drifted by about 100 changes) is synced by the
 * real binary against a local org that allows 600 requests a minute and answers 20% of them 5xx
 * or cuts them (each 5xx carrying RateLimit-Reset and Retry-After, as a gateway stamps them),
 * with 20 ms latency. Target: the sync completes (exit 0) and takes at most 1.5 × requests ÷
 * rate, every request counted (429s and retries included). The org is then reloaded without
 * limits or faults and diffed: nothing may be left to change. Real time: about 2.5 minutes
 * (1,598 requests on 6 December 2026: wall 134.8 s, requests ÷ rate 159.8 s, ratio 0.84).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type SeedDocument, startLocalOrg } from '../../src/local-org/index.js';
import { cleanUp, prepare } from './org10k-cases.js';
import { BIN, measure } from './processes.js';
import type { BenchResult } from './result.js';

const USERS = 1000;
const PER_MINUTE = 600;
const FAIL_RATE = 0.2;
const FAULT_SEED = 25_003;
const LATENCY_MS = 20;
const PARALLELISM = 8;
const TARGET_RATIO = 1.5;
const TOKEN = 'kpat_BENCHfaults_ratelimit_not_a_secret_0123456789';

export async function benchFaultsRateLimit(): Promise<BenchResult> {
  const fixture = prepare(USERS);
  const dataFile = join(fixture.dir, 'org-after-sync.json');
  try {
    const seed = parse(readFileSync(fixture.seeds.sync.file, 'utf8')) as SeedDocument;
    const org = await startLocalOrg({ seed, token: TOKEN, dataFile, latencyMs: LATENCY_MS, rateLimit: PER_MINUTE, failRate: FAIL_RATE, faultSeed: FAULT_SEED, retryAfterOnFaults: true });
    const env = { KONNECT_ADDR: org.addr, KONNECT_TOKEN: TOKEN };
    const sync = await measure([BIN, 'sync', '--yes', '--parallelism', String(PARALLELISM), '--quiet', fixture.desiredFile], env);
    const log = org.requestLog();
    const requests = org.stats().requests;
    await org.stop();

    // The same org, reloaded from what the sync left, with no limit and no faults.
    const calm = await startLocalOrg({ token: TOKEN, dataFile });
    const diff = await measure([BIN, 'diff', '--non-zero-exit-code', '--quiet', fixture.desiredFile], { KONNECT_ADDR: calm.addr, KONNECT_TOKEN: TOKEN });
    await calm.stop();

    const wallS = sync.wallMs / 1000;
    const boundS = requests / (PER_MINUTE / 60);
    const ratio = wallS / boundS;
    const faults = log.filter((e) => e.status >= 500 || e.status === 0).length;
    const limited = log.filter((e) => e.status === 429).length;
    const done = /Done: (\d+) applied/.exec(sync.stdoutTail)?.[1];
    const met = sync.code === 0 && diff.code === 0 && ratio <= TARGET_RATIO;
    const line = {
      case: 'faults-ratelimit',
      condition: `org-1k sync, ${PER_MINUTE}/min, ${FAIL_RATE * 100}% 5xx or cut (faultSeed ${FAULT_SEED}), ${LATENCY_MS} ms latency, parallelism ${PARALLELISM}`,
      users: USERS,
      requests,
      answers_5xx_or_cut: faults,
      answers_429: limited,
      changes_applied: done === undefined ? null : Number(done),
      wall_s: Number(wallS.toFixed(1)),
      requests_over_rate_s: Number(boundS.toFixed(1)),
      ratio: Number(ratio.toFixed(3)),
      sync_exit: sync.code,
      diff_after_exit: diff.code,
      target: `exit 0, no drift after, ratio <= ${TARGET_RATIO}: ${met ? 'met' : 'NOT MET'}`,
      ...(sync.code === 0 ? {} : { error: sync.stderr.trim().split('\n').slice(-3).join(' | ') }),
    };
    const problems = met ? [] : [`faults-ratelimit: ${line.target} (sync exit ${sync.code}, diff after exit ${diff.code}, ratio ${line.ratio})`];
    return { text: JSON.stringify(line), problems };
  } finally {
    rmSync(dataFile, { force: true });
    cleanUp(fixture);
  }
}
