/**
 * ORGDECK_BENCH=binary: the single executable (`npm run build:binary`) beside the package's bin
 * run by node (`node dist/bundle/cli.js`): its size, and the median wall time of 5 `--version`
 * runs of each (a bare start: the single executable parses its whole program, the bin's
 * --version loads one small module).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBinary } from '../support/binary.js';
import { median } from './measure.js';
import { BIN } from './processes.js';
import type { BenchResult } from './result.js';

const RUNS = 5;

function startMs(cmd: string, args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    execFileSync(cmd, args, { stdio: 'ignore' });
    times.push(performance.now() - t);
  }
  return median(times);
}

export async function benchBinary(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'orgdeck-bench-binary-'));
  try {
    const exe = await buildBinary(dir);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const rows = [
      ['single executable', mb(statSync(exe).size), startMs(exe, ['--version'])],
      ['node dist/bundle/cli.js', `${mb(statSync(process.execPath).size)} (node itself)`, startMs(process.execPath, [BIN, '--version'])],
    ] as const;
    const text = [`\nsingle executable vs node dist/bundle/cli.js (median of ${RUNS} --version runs)`, ...rows.map(([what, size, ms]) => `  ${what.padEnd(24)} ${size.padEnd(24)} ${ms.toFixed(0).padStart(5)} ms`)].join('\n');
    return { text, problems: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
