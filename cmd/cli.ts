#!/usr/bin/env node
/**
 * The `orgdeck` binary: run with the real process and set the exit code. `--version` is answered
 * before the program (commander, yaml, ajv, undici…) is loaded, so it costs a bare Node start;
 * everything else loads the commands. Also the entry of the single executable (.ci/build-binary.mjs).
 */
import { VERSION } from '../src/version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  // No top-level await: the single executable bundles this file as CommonJS, which has none.
  void import('./program-main.js').then(({ runProcess }) => runProcess(argv));
}
