/**
 * Everything but `--version`, for cmd/cli.ts: run with the real process and set the exit code.
 * Its own module so that the bundle (.ci/bundle.mjs) loads it as one file after that check.
 */
import { processIo } from './io.js';
import { run } from './run.js';

export async function runProcess(argv: string[]): Promise<void> {
  process.exitCode = await run(argv, processIo());
  // Interrupted while reading: the requests still in flight must not keep the process alive.
  if (process.exitCode === 130) process.exit(130);
}
