/** The org-10k targets, checked against the measured lines: each printed as met or not, with its figure. */
import { median } from './measure.js';
import type { CaseLine } from './org10k-cases.js';

interface Target {
  what: string;
  figure: number | undefined;
  limit: number;
  unit?: string;
}

export function targetsOf(lines: readonly CaseLine[], versionWallS?: number): Target[] {
  const find = (name: string, condition: string) => lines.find((l) => l.case === name && l.condition.startsWith(condition));
  const out: Target[] = [];
  for (const name of ['dump', 'diff-no-changes', 'diff-5%-drift'] as const) {
    const l = find(name, '20 ms');
    if (!l) continue;
    out.push({ what: `${name} at 20 ms: requests ÷ API minimum`, figure: l.requests_ratio, limit: 1.01 });
    out.push({ what: `${name} at 20 ms: wall ÷ bound`, figure: l.wall_ratio, limit: 1.1 });
  }
  const sync = find('sync-2000-changes', '20 ms');
  if (sync) out.push({ what: `sync of ${sync.changes ?? '?'} changes at 20 ms: wall ÷ bound`, figure: sync.wall_ratio, limit: 1.15 });
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
  if (diff) out.push({ what: 'diff of org-10k: peak RSS', figure: diff.peak_rss_mb, limit: 250, unit: 'MB' });
  for (const name of ['round-trip-dump', 'round-trip-validate', 'round-trip-diff'] as const) {
    const l = lines.find((x) => x.case === name);
    if (l) out.push({ what: `${name} of ${l.users.toLocaleString('en-US')} users: exit code (for diff, 0 = no changes)`, figure: l.exit, limit: 0 });
  }
  if (versionWallS !== undefined) out.push({ what: 'orgdeck --version: wall (median of 5)', figure: versionWallS, limit: 0.15, unit: 's' });
  return out;
}

export function renderTargets(targets: readonly Target[]): string {
  const rows = targets.map((t) => {
    const met = t.figure !== undefined && t.figure <= t.limit;
    return `  ${met ? 'met    ' : 'NOT MET'}  ${t.what}: ${t.figure ?? 'failed'}${t.unit ? ` ${t.unit}` : ''} (target ≤ ${t.limit}${t.unit ? ` ${t.unit}` : ''})`;
  });
  return ['\norg-10k targets (issue 12):', ...rows].join('\n');
}
