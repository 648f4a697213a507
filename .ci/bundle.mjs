#!/usr/bin/env node
/**
 * The second half of `npm run build` (after tsc): the `orgdeck` bin as two ES modules in
 * dist/bundle. cli.js is the tiny entry (it answers --version, a bare Node start); program.js is
 * cmd/program-main.ts with everything it imports (ajv, commander, yaml, undici, deep-diff, the
 * schemas) in one file, loaded by cli.js for anything else. One file, not ~220 modules through
 * Node's loaders, saves about 0.1 s of CPU per command. Modules reached only through a dynamic
 * import (the other commands, the diff engine, undici's proxy agent) stay in that file as
 * functions run on first import, so a command still evaluates only its own code.
 * program.js.map lies beside it, for `node --enable-source-maps` on a stack trace, and
 * THIRD-PARTY-NOTICES.txt, the licence of every package bundled: the package depends on none at
 * run time (they are dev dependencies), so their notices travel in it.
 * .ci/build-binary.mjs bundles the same program, with the same options, as CommonJS.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

/** What both bundles share: the entry, what is bundled, for which Node, and quiet about import.meta in CommonJS. */
export const bundleOptions = {
  entryPoints: [join(root, 'cmd', 'cli.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20.18',
  minify: true,
  legalComments: 'none',
  logLevel: 'error',
  logOverride: { 'empty-import-meta': 'silent' },
};

/** cli.ts imports ./program-main.js lazily: the ES build keeps that import, to its own file. */
const programApart = {
  name: 'program-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/program-main\.js$/ }, (args) => (args.importer.endsWith(join('cmd', 'cli.ts')) ? { path: './program.js', external: true } : undefined));
  },
};

/**
 * The name, version, licence and licence text of every npm package with a module in the bundle
 * (from esbuild's metafile): minified, the bundle keeps none of their notices itself.
 */
export function writeNotices(metafile, file) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) packages.add(input.slice(0, m.index + m[0].length));
  }
  const sections = [...packages].sort().map((dir) => {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const licence = readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)/i.test(f));
    if (!licence) throw new Error(`${pkg.name} is bundled but ships no licence file: name its licence in .ci/bundle.mjs`);
    return `${pkg.name} ${pkg.version} (${pkg.license})\n\n${readFileSync(join(root, dir, licence), 'utf8').trim()}\n`;
  });
  writeFileSync(file, `orgdeck's bundle holds code of these packages, under these licences.\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`);
}

/** Writes dist/bundle/cli.js (the bin), program.js, program.js.map and THIRD-PARTY-NOTICES.txt. */
export async function bundleBin(outdir = join(root, 'dist', 'bundle')) {
  rmSync(outdir, { recursive: true, force: true });
  const es = { ...bundleOptions, format: 'esm', outdir, sourcemap: 'linked', sourcesContent: false };
  const [, program] = await Promise.all([
    build({ ...es, entryPoints: { cli: bundleOptions.entryPoints[0] }, plugins: [programApart] }),
    build({
      // Its inputs' paths, which writeNotices reads, are relative to the repository.
      absWorkingDir: root,
      metafile: true,
      ...es,
      entryPoints: { program: join(root, 'cmd', 'program-main.ts') },
      // CommonJS dependencies (undici, ajv…) require Node's own modules: an ES module has no require.
      banner: { js: "import { createRequire as __orgdeckRequire } from 'node:module'; const require = __orgdeckRequire(import.meta.url);" },
    }),
  ]);
  writeNotices(program.metafile, join(outdir, 'THIRD-PARTY-NOTICES.txt'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bundleBin();
