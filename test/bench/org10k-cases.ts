/**
 * The org-10k benchmark: whole CLI processes against `orgdeck serve`, each case printing one JSON
 * line — requests, the API minimum and their ratio, 429s, wall time, its bound and their ratio,
 * CPU and peak RSS. Two conditions: 20 ms latency at --parallelism 8 (bound = requests × latency
 * ÷ parallelism), and Konnect's 3,000 requests/minute (bound = requests ÷ rate). A plain client
 * with fixed parallelism that sleeps on Retry-After runs the dump's reads as the baseline.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type BigOrg, bigOrgSeed, bigOrgYaml, type Drift, drifted, generateBigOrg } from './org10k.js';
import { BIN, type Measured, measure, ROOT, serve } from './processes.js';

export const PARALLELISM = 8;
export const LATENCY_MS = 20;
export const RATE_PER_MINUTE = 3000;
const TOKEN = 'kpat_BENCHorg10k_not_a_secret_0123456789abcdef';
const PREDEFINED_TEAMS = 8;

export type Condition = 'latency' | 'rate-limit';
export type CaseName = 'dump' | 'diff-no-changes' | 'diff-5%-drift' | 'sync-2000-changes' | 'baseline-dump';
export const CASES: readonly CaseName[] = ['baseline-dump', 'dump', 'diff-no-changes', 'diff-5%-drift', 'sync-2000-changes'];

export interface CaseLine {
  case: CaseName | 'validate' | 'validate-empty' | 'round-trip-dump' | 'round-trip-validate' | 'round-trip-diff';
  condition: string;
  users: number;
  requests?: number;
  api_minimum?: number;
  requests_ratio?: number;
  answers_429?: number;
  wall_s: number;
  bound_s?: number;
  wall_ratio?: number;
  /** Where the wall time went: from start to the first request, the requests (÷ their bound), from the last answer to exit. */
  to_first_request_s?: number;
  requests_span_ratio?: number;
  after_last_answer_s?: number;
  cpu_s?: number;
  peak_rss_mb?: number;
  changes?: number;
  /** round-trip-dump: the users the dump file lists. */
  users_in_file?: number;
  exit: number;
  error?: string;
}

/** Drift of 5% of the users, for diff; and one that makes about 2,000 changes, for sync. Scaled to size. */
function drifts(users: number): { five: Drift; sync: Drift } {
  const k = users / 10_000;
  const r = (n: number) => Math.max(1, Math.round(n * k));
  return {
    five: { missing: r(100), renamed: r(150), moved: r(150), regranted: r(100), extra: r(20) },
    sync: { missing: r(150), renamed: r(300), moved: r(250), regranted: r(150), extra: r(30) },
  };
}

/** Requests the data makes necessary for dump/diff: every list page and every per-holder list. */
export function readMinimum(live: BigOrg): number {
  const pages = (n: number) => Math.max(1, Math.ceil(n / 100));
  const members = new Map<string, number>();
  for (const u of live.users) for (const t of u.teams) members.set(t, (members.get(t) ?? 0) + 1);
  const custom = live.teams.map((t) => pages(members.get(t.name) ?? 0)).reduce((a, b) => a + b, 0);
  const predefined = [...members].filter(([t]) => !live.teams.some((x) => x.name === t)).reduce((a, [, n]) => a + pages(n) - 1, PREDEFINED_TEAMS);
  const regions = new Set([...live.users, ...live.teams].flatMap((x) => x.roles.map((g) => g.region)));
  const entityPages = [...regions].map((r) => pages(live.controlPlanes.filter((c) => c.region === r).length)).reduce((a, b) => a + b, 0);
  return pages(live.users.length) + pages(live.teams.length + PREDEFINED_TEAMS) + custom + predefined + live.teams.length + live.users.length + entityPages;
}

export interface Fixture {
  dir: string;
  users: number;
  desiredFile: string;
  seeds: Record<'same' | 'five' | 'sync', { file: string; minimum: number }>;
}

export function prepare(users: number): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'orgdeck-bench-'));
  const desired = generateBigOrg(users);
  const { five, sync } = drifts(users);
  const desiredFile = join(dir, 'org.yaml');
  writeFileSync(desiredFile, bigOrgYaml(desired));
  const seed = (name: string, org: BigOrg) => {
    const file = join(dir, `live-${name}.yaml`);
    writeFileSync(file, stringify(bigOrgSeed(org), { lineWidth: 0 }));
    return { file, minimum: readMinimum(org) };
  };
  return { dir, users, desiredFile, seeds: { same: seed('same', desired), five: seed('five', drifted(desired, five)), sync: seed('sync', drifted(desired, sync)) } };
}

export function cleanUp(f: Fixture): void {
  rmSync(f.dir, { recursive: true, force: true });
}

/**
 * One case under one condition, against its own fresh server (its own token and rate window).
 * `bin` is the CLI under test: this checkout's, or another's in the compare mode.
 */
export async function runCase(f: Fixture, name: CaseName, condition: Condition, bin = BIN): Promise<CaseLine> {
  const live = name === 'diff-5%-drift' ? f.seeds.five : name === 'sync-2000-changes' ? f.seeds.sync : f.seeds.same;
  const server = await serve(live.file, { latencyMs: LATENCY_MS, token: TOKEN, ...(condition === 'rate-limit' ? { ratePerMinute: RATE_PER_MINUTE } : {}) });
  try {
    const env = { KONNECT_ADDR: server.addr, KONNECT_TOKEN: TOKEN };
    const flags = ['--parallelism', String(PARALLELISM), '--quiet'];
    const args: Record<CaseName, string[]> = {
      'baseline-dump': [join(ROOT, 'test/bench/baseline.mjs'), String(PARALLELISM)],
      dump: [bin, 'dump', ...flags],
      'diff-no-changes': [bin, 'diff', ...flags, f.desiredFile],
      'diff-5%-drift': [bin, 'diff', ...flags, f.desiredFile],
      'sync-2000-changes': [bin, 'sync', '--yes', ...flags, f.desiredFile],
    };
    const m = await measure(args[name], env);
    const stats = await server.stats();
    const changes = name === 'sync-2000-changes' ? appliedChanges(m) : undefined;
    const minimum = live.minimum + (changes ?? 0);
    const bound = condition === 'latency' ? (stats.requests * LATENCY_MS) / PARALLELISM / 1000 : stats.requests / (RATE_PER_MINUTE / 60);
    return {
      case: name,
      condition: condition === 'latency' ? `${LATENCY_MS} ms latency, parallelism ${PARALLELISM}` : `${RATE_PER_MINUTE}/min, ${LATENCY_MS} ms latency, parallelism ${PARALLELISM}`,
      users: f.users,
      requests: stats.requests,
      api_minimum: minimum,
      requests_ratio: round(stats.requests / minimum, 3),
      answers_429: stats.by_status['429'] ?? 0,
      wall_s: round(m.wallMs / 1000, 2),
      bound_s: round(bound, 1),
      wall_ratio: round(m.wallMs / 1000 / bound, 3),
      ...phases(m, stats, bound),
      ...resources(m),
      ...(changes !== undefined ? { changes } : {}),
      exit: m.code,
      ...failure(m),
    };
  } finally {
    await server.stop();
  }
}

/** Loading the state file alone: `orgdeck validate`. */
export async function runValidate(file: string, users: number, name: CaseLine['case'] = 'validate'): Promise<CaseLine> {
  const m = await measure([BIN, 'validate', file], {});
  return { case: name, condition: 'offline', users, wall_s: round(m.wallMs / 1000, 2), ...resources(m), exit: m.code, ...failure(m) };
}

/**
 * The size cap and the load at 50,000 users, end to end: the org is dumped, and the dump is
 * validated and diffed against the same org, which must find nothing to change. No latency:
 * what is measured here is orgdeck's own work.
 */
export async function runRoundTrip(dir: string, users: number): Promise<CaseLine[]> {
  const seedFile = join(dir, `live-${users}.yaml`);
  writeFileSync(seedFile, stringify(bigOrgSeed(generateBigOrg(users)), { lineWidth: 0 }));
  const dumpFile = join(dir, `dump-${users}.yaml`);
  const server = await serve(seedFile, { latencyMs: 0, token: TOKEN });
  try {
    const env = { KONNECT_ADDR: server.addr, KONNECT_TOKEN: TOKEN };
    const flags = ['--parallelism', String(PARALLELISM), '--quiet'];
    const line = (name: CaseLine['case'], m: Measured): CaseLine => ({ case: name, condition: 'no latency', users, wall_s: round(m.wallMs / 1000, 1), ...resources(m), exit: m.code, ...failure(m) });
    const dump = line('round-trip-dump', await measure([BIN, 'dump', ...flags, '-o', dumpFile], env));
    if (dump.exit !== 0) return [dump];
    dump.users_in_file = readFileSync(dumpFile, 'utf8').match(/^ {2}- email: /gm)?.length ?? 0;
    const validate = await runValidate(dumpFile, users, 'round-trip-validate');
    // Exit 2 would mean drift: a dump read back must match the org it came from.
    const diff = line('round-trip-diff', await measure([BIN, 'diff', ...flags, '--non-zero-exit-code', dumpFile], env));
    return [dump, validate, diff];
  } finally {
    await server.stop();
  }
}

/** The wall time in three parts, from the server's first and last request: starting, requesting, finishing. */
function phases(m: Measured, stats: { first_request_at?: string; last_answer_at?: string }, boundS: number): Pick<CaseLine, 'to_first_request_s' | 'requests_span_ratio' | 'after_last_answer_s'> {
  if (!stats.first_request_at || !stats.last_answer_at) return {};
  const first = Date.parse(stats.first_request_at);
  const last = Date.parse(stats.last_answer_at);
  return { to_first_request_s: round((first - m.startedAt) / 1000, 2), requests_span_ratio: round((last - first) / 1000 / boundS, 3), after_last_answer_s: round((m.endedAt - last) / 1000, 2) };
}

function failure(m: Measured): Pick<CaseLine, 'error'> {
  return m.code === 0 ? {} : { error: m.stderr.trim().split('\n').slice(-3).join(' | ') };
}

function resources(m: Measured): Pick<CaseLine, 'cpu_s' | 'peak_rss_mb'> {
  return { ...(m.cpuMs !== undefined ? { cpu_s: round(m.cpuMs / 1000, 2) } : {}), ...(m.peakRssMb !== undefined ? { peak_rss_mb: Math.round(m.peakRssMb) } : {}) };
}

/** "Done: N applied (…), F failed, S skipped." on the sync's stdout: every change of the plan. */
function appliedChanges(m: Measured): number | undefined {
  const done = /Done: (\d+) applied \(\d+ were already in place\), (\d+) failed, (\d+) skipped/.exec(m.stdoutTail ?? '');
  return done ? Number(done[1]) + Number(done[2]) + Number(done[3]) : undefined;
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
