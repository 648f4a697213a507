/**
 * `npm run bench`: orgdeck's benchmarks, one after another in one process (the machine is
 * shared; nothing else of ours should compete), each printing its table as it finishes.
 * Local orgs listen on 127.0.0.1, port 0; nothing leaves the machine. A broken invariant
 * (requests in flight over --parallelism, a sync that does not converge, a command that fails)
 * fails the run.
 *
 * ORGDECK_BENCH picks parts, comma-separated (default: all): classic (the four in-process
 * benchmarks), org10k-load (validate org-10k; dump a 50,000-user org, validate and diff the dump; --version),
 * org10k-latency (20 ms latency, one case after another), org10k-ratelimit (3,000/min, every
 * case at once against its own server: about 9 minutes), or org10k for all three;
 * faults-ratelimit (org-1k synced at 600/min with 20% 5xx: about 2.5 minutes); binary (the
 * single executable's size and start time beside node dist/bundle/cli.js); org10k-targeted (diff
 * --base on org-10k at 20 ms: a small pull request and a 200-people one); report (org-10k's access
 * report: build time, sizes, load-to-interactive and search in headless Chromium).
 * ORGDECK_BENCH_USERS shrinks org-10k for a quick try (e.g. 1000). ORGDECK_BENCH_COMPARE names
 * another checkout whose build org10k-latency runs beside this one (compare.ts).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchBinary } from './binary.js';
import { benchDiff } from './diff.js';
import { compareBin, pairOrder, renderComparison } from './compare.js';
import { benchFaults } from './faults.js';
import { benchFaultsRateLimit } from './faults-ratelimit.js';
import { benchTargeted } from './org10k-targeted.js';
import { benchReport } from './report.js';
import { Orgs } from './harness.js';
import { median } from './measure.js';
import { CASES, type CaseLine, type CaseName, cleanUp, type Fixture, prepare, runCase, runRoundTrip, runValidate } from './org10k-cases.js';
import { targetsOf, renderTargets } from './org10k-report.js';
import { BIN, measure } from './processes.js';
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
const classic = selected('classic') ? it : it.skip;
classic('validate', () => report(benchValidate()), 3 * MINUTES);
classic('diff', () => report(benchDiff(orgs)), 5 * MINUTES);
classic('sync', () => report(benchSync(orgs)), 5 * MINUTES);
classic('sync under faults', () => report(benchFaults(orgs)), 5 * MINUTES);
(selected('faults-ratelimit') ? it : it.skip)('org-1k sync at 600/min with 20% 5xx: within 1.5 × requests ÷ rate', () => report(benchFaultsRateLimit()), 20 * MINUTES);
(selected('binary') ? it : it.skip)('single executable', () => report(benchBinary()), 5 * MINUTES);
(selected('org10k-targeted') ? it : it.skip)('targeted pull-request plans (diff --base) on org-10k at 20 ms', () => report(benchTargeted(Number(process.env.ORGDECK_BENCH_USERS) || 10_000)), 10 * MINUTES);
(selected('report') ? it : it.skip)('access report of org-10k: build, size, load in Chromium', () => report(benchReport(Number(process.env.ORGDECK_BENCH_USERS) || 10_000)), 10 * MINUTES);

describe('org-10k', () => {
  const users = Number(process.env.ORGDECK_BENCH_USERS) || 10_000;
  const lines: CaseLine[] = [];
  // The compare mode's runs of the other build: printed, and kept out of the targets.
  const other = compareBin();
  const compared: CaseLine[] = [];
  let fixture: Fixture | undefined;
  let versionWallS: number | undefined;
  const print = (l: CaseLine) => {
    lines.push(l);
    console.log(JSON.stringify(l));
  };
  const failures = () => lines.filter((l) => l.exit !== 0).map((l) => `${l.case} (${l.condition}) exited ${l.exit}: ${l.error}`);
  beforeAll(() => {
    if (!['org10k-load', 'org10k-latency', 'org10k-ratelimit'].some(selected)) return;
    fixture = prepare(users);
    console.log(`\norg-${users / 1000}k: ${users.toLocaleString('en-US')} users (10% pending), ${Math.round(users / 25)} teams, ~3 memberships and ~2 grants per user, 3 grants per team; one JSON line per case`);
  });
  afterAll(() => {
    if (fixture) cleanUp(fixture);
    if (lines.length) console.log(renderTargets(targetsOf(lines, versionWallS)));
    if (compared.length) console.log(renderComparison(lines, compared, process.env.ORGDECK_BENCH_COMPARE!));
  });

  (selected('org10k-load') ? it : it.skip)('load: validate org-10k, a 50,000-user org dumped, validated and diffed, --version', async () => {
    // The load's own cost is the difference from validating an empty file (process start, imports).
    const empty = join(fixture!.dir, 'empty.yaml');
    writeFileSync(empty, '_format_version: "1.0"\nusers: []\n');
    for (let i = 0; i < 3; i++) print(await runValidate(empty, 0, 'validate-empty'));
    for (let i = 0; i < 3; i++) print(await runValidate(fixture!.desiredFile, users));
    for (const l of await runRoundTrip(fixture!.dir, 50_000)) print(l);
    const walls: number[] = [];
    for (let i = 0; i < 5; i++) walls.push((await measure([BIN, '--version'], {})).wallMs / 1000);
    versionWallS = Number(median(walls).toFixed(3));
    console.log(JSON.stringify({ case: '--version', wall_s: versionWallS, runs_s: walls.map((w) => Number(w.toFixed(3))) }));
    expect(failures()).toEqual([]);
  }, 15 * MINUTES);

  // Rounds of every case in turn, so a slow spell of the (shared) machine falls on all of them;
  // the targets take each case's median. In the compare mode each orgdeck case runs with both
  // builds, one right after the other.
  (selected('org10k-latency') ? it : it.skip)('20 ms latency, parallelism 8, one case at a time', async () => {
    const runOther = async (name: CaseName) => {
      const l = { ...(await runCase(fixture!, name, 'latency', other)), build: 'other' };
      compared.push(l);
      console.log(JSON.stringify(l));
    };
    for (let round = 0; round < repetitions(); round++) {
      for (const name of CASES) {
        const ours = async () => print(await runCase(fixture!, name, 'latency'));
        if (!other || name === 'baseline-dump') await ours();
        else for (const run of pairOrder(round, ours, () => runOther(name))) await run();
      }
    }
    expect([...failures(), ...compared.filter((l) => l.exit !== 0).map((l) => `other build: ${l.case} exited ${l.exit}: ${l.error}`)]).toEqual([]);
  }, 60 * MINUTES);

  (selected('org10k-ratelimit') ? it : it.skip)('3,000 requests/minute, every case at once, each against its own server', async () => {
    const results = await Promise.all(CASES.map((name) => runCase(fixture!, name, 'rate-limit')));
    for (const l of results) print(l);
    expect(failures()).toEqual([]);
  }, 30 * MINUTES);
});

function selected(part: string): boolean {
  const wanted = (process.env.ORGDECK_BENCH ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return wanted.length === 0 || wanted.some((w) => w === part || (w === 'org10k' && part.startsWith('org10k-')));
}
