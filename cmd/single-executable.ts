/**
 * The entry of the single executable (`npm run build:binary`): cli.ts without its top-level
 * await, which a CommonJS bundle (all Node 20's single-executable support runs) cannot hold.
 */
import { processIo } from './io.js';
import { run } from './run.js';

run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
