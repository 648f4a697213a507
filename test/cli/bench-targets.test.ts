/**
 * The org-10k report's issue-21 targets from measured lines (no timing here): CPU medians, each
 * full read's wall ÷ bound over the reference client's from the same run, and the 50k figures.
 */
import { describe, expect, it } from 'vitest';
import type { CaseLine } from '../bench/org10k-cases.js';
import { cpuTargetsOf } from '../bench/org10k-cpu.js';
import { renderTargets, targetsOf } from '../bench/org10k-report.js';

const at20 = (name: CaseLine['case'], wall_ratio: number, cpu_s: number, extra: Partial<CaseLine> = {}): CaseLine => ({ case: name, condition: '20 ms latency, parallelism 8', users: 10_000, wall_s: 30, wall_ratio, cpu_s, exit: 0, ...extra });

describe('issue 21 targets', () => {
  it('judge CPU by the median and wall ÷ bound against the reference client of the same run', () => {
    const lines = [at20('baseline-dump', 1.03, 6), at20('baseline-dump', 1.05, 6), at20('dump', 1.06, 2.9), at20('dump', 1.07, 3.2), at20('dump', 1.05, 2.8), at20('diff-no-changes', 1.1, 3.5)];
    const t = Object.fromEntries(cpuTargetsOf(lines).map((x) => [x.what.split(' (')[0], x]));
    expect(t['dump at 20 ms: CPU']).toMatchObject({ figure: 2.9, limit: 3 });
    expect(t["dump at 20 ms: wall ÷ bound ÷ the reference client's"]).toMatchObject({ figure: Number((1.06 / 1.04).toFixed(3)), limit: 1.03 });
    expect(t["diff-no-changes at 20 ms: wall ÷ bound ÷ the reference client's"]?.figure).toBe(Number((1.1 / 1.04).toFixed(3)));
    const text = renderTargets(targetsOf(lines));
    expect(text).toContain('met      dump at 20 ms: CPU (median of 3; wall 30 s, wall ÷ bound 1.06): 2.9 s (target ≤ 3 s)');
    expect(text).toContain("NOT MET  diff-no-changes at 20 ms: wall ÷ bound ÷ the reference client's (1.1 ÷ 1.04): 1.058 (target ≤ 1.03)");
  });

  it('report the 50,000-user round trip with its figures, and a failed one as failed', () => {
    const lines: CaseLine[] = [
      { case: 'round-trip-dump', condition: 'no latency', users: 50_000, wall_s: 10.9, cpu_s: 12, peak_rss_mb: 472, users_in_file: 50_001, exit: 0 },
      { case: 'round-trip-diff', condition: 'no latency', users: 50_000, wall_s: 1, exit: 1, error: 'boom' },
    ];
    expect(cpuTargetsOf(lines).map((t) => [t.what, t.figure])).toEqual([
      ['round-trip-dump of 50,000 users (wall 10.9 s, CPU 12 s, 50,001 users in the file): peak RSS', 472],
      ['round-trip-diff of 50,000 users (wall 1 s): peak RSS', undefined],
    ]);
  });

  it('holds the org-10k diff to 200 MB of peak RSS', () => {
    const rss = targetsOf([at20('diff-no-changes', 1.05, 2.5, { peak_rss_mb: 201 })]).find((t) => t.what.includes('peak RSS'));
    expect(rss).toMatchObject({ figure: 201, limit: 200 });
  });
});
