#!/usr/bin/env node
/**
 * `npm run build:binary [-- --out DIR]`: orgdeck as one executable file for this machine's
 * platform, which runs without Node.js or node_modules. esbuild bundles cmd/cli.ts
 * and everything it imports (schemas included) into one CommonJS file, Node's single-executable
 * support turns it into a blob, and postject injects the blob into a copy of the running `node`.
 * Nothing is downloaded: both tools come from node_modules. Writes DIR/orgdeck (orgdeck.exe on
 * Windows), dist/bin by default, and prints its path; beside it, DIR/orgdeck-THIRD-PARTY-NOTICES.txt,
 * the licences of the libraries it holds.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { inject } from 'postject';
import { bundleOptions, writeNotices } from './bundle.mjs';

const root = resolve(import.meta.dirname, '..');
const at = process.argv.indexOf('--out');
const outDir = resolve(at > 0 ? process.argv[at + 1] : join(root, 'dist', 'bin'));
const exe = join(outDir, process.platform === 'win32' ? 'orgdeck.exe' : 'orgdeck');
// Node's own fuse: the copied binary looks for its blob only when this string is flipped.
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const work = mkdtempSync(join(tmpdir(), 'orgdeck-sea-'));
try {
  const bundle = join(work, 'orgdeck.cjs');
  const blob = join(work, 'orgdeck.blob');
  // The bin's options (.ci/bundle.mjs), as one CommonJS file: the program is not split off.
  // Its inputs' paths, which writeNotices reads, are relative to the repository.
  const { metafile } = await build({ ...bundleOptions, absWorkingDir: root, metafile: true, format: 'cjs', outfile: bundle });
  writeFileSync(join(work, 'sea-config.json'), JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true }));
  execFileSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: ['ignore', 'ignore', 'inherit'] });

  mkdirSync(outDir, { recursive: true });
  rmSync(exe, { force: true });
  copyFileSync(process.execPath, exe);
  if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe]);
  await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), {
    sentinelFuse: FUSE,
    ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
  });
  if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe]);
  // Minified, the bundled libraries' licences are gone from the executable: they go beside it.
  writeNotices(metafile, join(outDir, 'orgdeck-THIRD-PARTY-NOTICES.txt'));
  console.log(exe);
} finally {
  rmSync(work, { recursive: true, force: true });
}
