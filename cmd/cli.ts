#!/usr/bin/env node
/** The `orgdeck` binary: run with the real process and set the exit code. */
import { processIo } from './io.js';
import { run } from './run.js';

const code = await run(process.argv.slice(2), processIo());
process.exitCode = code;
