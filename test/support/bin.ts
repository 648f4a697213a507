/**
 * The `orgdeck` bin that package.json names: what users run (the bundle in dist/bundle, built by
 * `npm run build` and by the tests' global setup). Tests that spawn the CLI spawn this file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './readme.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { orgdeck: string } };

/** Its absolute path. */
export const BIN = join(ROOT, pkg.bin.orgdeck);
