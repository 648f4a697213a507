/** The org-10k targets, checked against the measured lines: each printed as met or not, with its figure. */
import { median } from './measure.js';
import type { CaseLine } from './org10k-cases.js';
import { cpuTargetsOf, type Target } from './org10k-cpu.js';

export function targetsOf(lines: readonly CaseLine[], versionWallS?: number): Target[] {
  // A case run several times is judged by its median ratios (its worst request count), and a
  // failed run fails the case.
  const find = (name: string, condition: string): CaseLine | undefined => {
    const runs = lines.filter((l) => l.case === name && l.condition.startsWith(condition));
    if (runs.length <= 1) return runs[0];
    const mid = (pick: (l: CaseLine) => number | undefined) => median(runs.map(pick).filter((x): x is number => x !== undefined));
    const failed = runs.find((l) => l.exit !== 0);
    if (failed) return failed;
    return { ...runs[0]!, requests_ratio: Math.max(...runs.map((l) => l.requests_ratio ?? 0)), wall_ratio: Number(mid((l) => l.wall_ratio).toFixed(3)), peak_rss_mb: Math.max(...runs.map((l) => l.peak_rss_mb ?? 0)) };
  };
  const out: Target[] = [];
  for (const name of ['dump', 'diff-no-changes', 'diff-5%-drift'] as const) {
    const l = find(name, '20 ms');
    if (!l) continue;
    out.push({ what: `${name} at 20 ms: requests ÷ API minimum`, figure: l.requests_ratio, limit: 1.01 });
    out.push({ what: `${name} at 20 ms: wall ÷ bound${runsOf(lines, name)}`, figure: l.exit === 0 ? l.wall_ratio : undefined, limit: 1.1 });
  }
  const sync = find('sync-2000-changes', '20 ms');
  if (sync) out.push({ what: `sync of ${sync.changes ?? '?'} changes at 20 ms: wall ÷ bound${runsOf(lines, 'sync-2000-changes')}`, figure: sync.exit === 0 ? sync.wall_ratio : undefined, limit: 1.15 });
  const baseline = find('baseline-dump', '20 ms');
  if (baseline) out.push({ what: `the baseline client at 20 ms (a reference, not a target): wall ÷ bound${runsOf(lines, 'baseline-dump')}`, figure: baseline.wall_ratio, limit: Number.POSITIVE_INFINITY });
  // Where each case's time over the bound goes: starting, the requests themselves, finishing.
  for (const name of ['baseline-dump', 'dump', 'diff-no-changes', 'diff-5%-drift', 'sync-2000-changes'] as const) {
    const runs = lines.filter((l) => l.case === name && l.condition.startsWith('20 ms') && l.requests_span_ratio !== undefined);
    if (runs.length === 0) continue;
    const mid = (pick: (l: CaseLine) => number) => Number(median(runs.map(pick)).toFixed(3));
    const what = `${name} at 20 ms (medians): ${mid((l) => l.to_first_request_s!)} s to the first request, ${mid((l) => l.after_last_answer_s!)} s after the last answer; first request to last answer ÷ bound`;
    out.push({ what, figure: mid((l) => l.requests_span_ratio!), limit: Number.POSITIVE_INFINITY });
  }
  for (const name of ['dump', 'diff-no-changes', 'diff-5%-drift', 'sync-2000-changes'] as const) {
    const l = find(name, '3000/min');
    if (!l) continue;
    out.push({ what: `${name} under 3,000/min: answers of 429`, figure: l.exit === 0 ? l.answers_429 : undefined, limit: 25 });
    out.push({ what: `${name} under 3,000/min: wall ÷ (requests ÷ rate)`, figure: l.exit === 0 ? l.wall_ratio : undefined, limit: 1.05 });
  }
  const cpu = (name: CaseLine['case']) => median(lines.filter((l) => l.case === name && l.cpu_s !== undefined).map((l) => l.cpu_s!));
  const load = cpu('validate');
  const start = cpu('validate-empty');
  if (Number.isFinite(load) && Number.isFinite(start)) {
    out.push({ what: `loading org-10k's state file: CPU of orgdeck validate (median ${load} s) less that of an empty file (${start} s)`, figure: Number((load - start).toFixed(2)), limit: 1, unit: 's' });
  }
  const diff = find('diff-no-changes', '20 ms');
  if (diff) out.push({ what: `diff of org-10k: peak RSS${runsOf(lines, 'diff-no-changes').replace('median', 'highest')}`, figure: diff.peak_rss_mb, limit: 200, unit: 'MB' });
  out.push(...cpuTargetsOf(lines));
  for (const name of ['round-trip-dump', 'round-trip-validate', 'round-trip-diff'] as const) {
    const l = lines.find((x) => x.case === name);
    if (l) out.push({ what: `${name} of ${l.users.toLocaleString('en-US')} users: exit code (for diff, 0 = no changes)`, figure: l.exit, limit: 0 });
  }
  if (versionWallS !== undefined) out.push({ what: 'orgdeck --version: wall (median of 5)', figure: versionWallS, limit: 0.15, unit: 's' });
  return out;
}

/** ", median of N runs" when the case ran more than once at 20 ms. */
function runsOf(lines: readonly CaseLine[], name: string): string {
  const n = lines.filter((l) => l.case === name && l.condition.startsWith('20 ms')).length;
  return n > 1 ? ` (median of ${n} runs)` : '';
}

export function renderTargets(targets: readonly Target[]): string {
  const rows = targets.map((t) => {
    if (t.limit === Number.POSITIVE_INFINITY) return `  info     ${t.what}: ${t.figure ?? 'failed'}`;
    const met = t.figure !== undefined && t.figure <= t.limit;
    return `  ${met ? 'met    ' : 'NOT MET'}  ${t.what}: ${t.figure ?? 'failed'}${t.unit ? ` ${t.unit}` : ''} (target ≤ ${t.limit}${t.unit ? ` ${t.unit}` : ''})`;
  });
  return ['\norg-10k targets (issues 12 and 21):', ...rows].join('\n');
}
