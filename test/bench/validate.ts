/** Bench 1: load + validate a generated state file (parse, schema, rules, normalize), offline. */
import { countGrants, loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';
import { int, median, ms, spread, table, timed } from './measure.js';
import type { BenchResult } from './result.js';
import { generateOrg, stateYaml } from './synthetic.js';

const SIZES = [1_000, 5_000];
const RUNS = 5;

export async function benchValidate(): Promise<BenchResult> {
  const rows: string[][] = [];
  const problems: string[] = [];
  const perUser: number[] = [];
  for (const users of SIZES) {
    const text = stateYaml(generateOrg(users, 1));
    const load = () => loadDesiredState([sourceFromText(`org-${users}.yaml`, text)], {});
    const first = load(); // warm-up, and proof the file is valid
    if (!first.state) {
      problems.push(`validate: the generated ${users}-user file is invalid: ${first.problems[0]?.message}`);
      continue;
    }
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await timed(load)).ms);
    const m = median(times);
    perUser.push(m / users);
    rows.push([
      `${int(users)} users`,
      `${(text.length / 1024 / 1024).toFixed(2)} MB`,
      `${int(countGrants(first.state))} grants`,
      ms(m),
      spread(times),
      int((users / m) * 1000),
    ]);
  }
  const scaling = perUser.length === 2 ? `  cost per user, 5k vs 1k file: ${(perUser[1]! / perUser[0]!).toFixed(2)}× (1.00× = linear)` : '';
  const title = `1. validate — loadDesiredState (parse + schema + rules + normalize), median of ${RUNS} after a warm-up`;
  return { text: table(title, ['file', 'size', 'grants', 'median', 'runs (ms)', 'users/s'], rows) + `\n${scaling}`, problems };
}
