/** What each benchmark hands back: its printed table and anything that must fail the run. */
export interface BenchResult {
  text: string;
  /** Broken invariants (requests in flight over the cap, no convergence): `npm run bench` exits non-zero. */
  problems: string[];
}

export const LATENCY_MS = 20;

/** Repetitions for the timed cases; ORGDECK_BENCH_RUNS overrides (at least 1). */
export function repetitions(fallback = 3): number {
  const n = Number(process.env.ORGDECK_BENCH_RUNS);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}
