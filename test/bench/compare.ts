/**
 * The compare mode of org10k-latency: ORGDECK_BENCH_COMPARE=/path/to/another/checkout (built;
 * the bin its package.json names is run) runs every orgdeck case with that build too, in the
 * same rounds, right beside this build's run of it, and prints both medians and their ratio. The machine is shared
 * and noisy: only runs interleaved like this, minutes apart at most, can be compared; two bench
 * runs an hour apart cannot. The order within a pair alternates from round to round, so neither
 * build always runs first. Both builds run against this checkout's `orgdeck serve`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median, table } from './measure.js';
import type { CaseLine } from './org10k-cases.js';

/** The other build's CLI, or undefined when the mode is off. */
export function compareBin(): string | undefined {
  const dir = process.env.ORGDECK_BENCH_COMPARE;
  if (!dir) return undefined;
  const root = resolve(dir);
  const bin = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { orgdeck: string } }).bin.orgdeck);
  if (!existsSync(bin)) throw new Error(`ORGDECK_BENCH_COMPARE: ${bin} does not exist; run npm run build in ${dir}.`);
  return bin;
}

/** Which build runs first in round `round` of a pair: this one in even rounds, the other in odd ones. */
export function pairOrder<T>(round: number, ours: T, theirs: T): [T, T] {
  return round % 2 === 0 ? [ours, theirs] : [theirs, ours];
}

/** Per case: the medians of wall time and of wall ÷ bound of each build, and this ÷ other. */
export function renderComparison(ours: readonly CaseLine[], theirs: readonly CaseLine[], other: string): string {
  const names = [...new Set(theirs.map((l) => l.case))];
  const mid = (lines: readonly CaseLine[], name: string, pick: (l: CaseLine) => number | undefined) =>
    median(lines.filter((l) => l.case === name).map(pick).filter((x): x is number => x !== undefined));
  const rows = names.map((name) => {
    const [a, b] = [mid(ours, name, (l) => l.wall_s), mid(theirs, name, (l) => l.wall_s)];
    const [ra, rb] = [mid(ours, name, (l) => l.wall_ratio), mid(theirs, name, (l) => l.wall_ratio)];
    const runs = ours.filter((l) => l.case === name).length;
    return [name, String(runs), `${a.toFixed(2)} s`, `${b.toFixed(2)} s`, `${(b - a).toFixed(2)} s`, (a / b).toFixed(3), ra.toFixed(3), rb.toFixed(3)];
  });
  const header = ['case (20 ms, medians)', 'runs', 'wall, this', 'wall, other', 'other − this', 'this ÷ other', 'wall÷bound, this', 'wall÷bound, other'];
  return table(`this build against ${other} (interleaved in the same rounds)`, header, rows);
}
