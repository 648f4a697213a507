/**
 * Issue 21's targets for the full read of org-10k: CPU per command, wall ÷ bound beside the
 * reference client's in the same run (baseline.mjs: a plain fixed-parallelism client making the
 * same GETs), and the figures of the 50,000-user round trip.
 */
import { median } from './measure.js';
import type { CaseLine } from './org10k-cases.js';

export interface Target {
  what: string;
  figure: number | undefined;
  limit: number;
  unit?: string;
}

/** At most this much CPU (user + system of the orgdeck process) for a full dump or diff of org-10k. */
export const CPU_LIMIT_S = 3.0;
/** orgdeck's wall ÷ bound at most this multiple of the reference client's, measured in the same run. */
export const REFERENCE_LIMIT = 1.03;

const FULL_READS = ['dump', 'diff-no-changes', 'diff-5%-drift'] as const;

export function cpuTargetsOf(lines: readonly CaseLine[]): Target[] {
  const at20 = (name: string) => lines.filter((l) => l.case === name && l.condition.startsWith('20 ms') && l.exit === 0);
  const mid = (runs: readonly CaseLine[], pick: (l: CaseLine) => number | undefined) => {
    const xs = runs.map(pick).filter((x): x is number => x !== undefined);
    return xs.length ? Number(median(xs).toFixed(3)) : undefined;
  };
  const reference = at20('baseline-dump');
  const referenceRatio = mid(reference, (l) => l.wall_ratio);
  const out: Target[] = [];
  if (reference.length) {
    out.push({ what: `the reference client at 20 ms (median of ${reference.length}): wall ${mid(reference, (l) => l.wall_s)} s, CPU ${mid(reference, (l) => l.cpu_s)} s; wall ÷ bound`, figure: referenceRatio, limit: Number.POSITIVE_INFINITY });
  }
  for (const name of FULL_READS) {
    const runs = at20(name);
    if (runs.length === 0) continue;
    const ratio = mid(runs, (l) => l.wall_ratio);
    const of = `(median of ${runs.length}; wall ${mid(runs, (l) => l.wall_s)} s, wall ÷ bound ${ratio})`;
    out.push({ what: `${name} at 20 ms: CPU ${of}`, figure: mid(runs, (l) => l.cpu_s), limit: CPU_LIMIT_S, unit: 's' });
    const relative = ratio !== undefined && referenceRatio !== undefined ? Number((ratio / referenceRatio).toFixed(3)) : undefined;
    out.push({ what: `${name} at 20 ms: wall ÷ bound ÷ the reference client's (${ratio} ÷ ${referenceRatio})`, figure: relative, limit: REFERENCE_LIMIT });
  }
  for (const l of lines.filter((x) => x.case.startsWith('round-trip-') && x.users >= 50_000)) {
    const figures = [`wall ${l.wall_s} s`, l.cpu_s !== undefined ? `CPU ${l.cpu_s} s` : '', l.users_in_file !== undefined ? `${l.users_in_file.toLocaleString('en-US')} users in the file` : ''].filter(Boolean).join(', ');
    out.push({ what: `${l.case} of ${l.users.toLocaleString('en-US')} users (${figures}): peak RSS`, figure: l.exit === 0 ? l.peak_rss_mb : undefined, limit: Number.POSITIVE_INFINITY });
  }
  return out;
}
