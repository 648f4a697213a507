/**
 * The npm package: built when packed, so installing the tarball runs no script and needs no dev
 * dependency. Packed from a copy of the sources (packing rebuilds dist/, which other tests run),
 * installed from npm's cache only (tests never reach the network; `npm ci` of this repository
 * filled the cache).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { seededOrg } from '../support/org.js';
import { ROOT } from '../support/readme.js';

const exec = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; files: string[]; bin: { orgdeck: string } };
const dir = mkdtempSync(join(tmpdir(), 'orgdeck-package-'));
const PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
const npm = (args: string[], cwd: string) => exec('npm', [...args, '--no-audit', '--no-fund', '--offline'], { cwd, env: { ...process.env, PATH }, encoding: 'utf8', maxBuffer: 1 << 24 });
let tarball = '';
let packed: string[] = [];

beforeAll(async () => {
  const copy = join(dir, 'src');
  // .ci/bundle.mjs: the build bundles the bin.
  for (const f of [...pkg.files, 'cmd', 'src', '.ci', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
    if (!f.startsWith('dist')) cpSync(join(ROOT, f), join(copy, f), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const { stdout } = await npm(['pack', '--json', '--pack-destination', dir], copy);
  const [packOut] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(dir, packOut!.filename);
  packed = packOut!.files.map((f) => f.path);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * An install of the tarball as users do it, from npm's cache: a project whose lock file names
 * the tarball and whatever runtime dependencies orgdeck's own lock resolved (none: the bin is a
 * bundle; npm ci needs no registry metadata then). `npm install -g` would need that metadata, so the global case runs this copy
 * from a folder outside the project, which is what a global install amounts to.
 */
async function installTarball(project: string): Promise<{ stderr: string }> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const full = pkg as typeof pkg & { version: string; dependencies: Record<string, string> };
  const spec = `file:${relative(project, tarball).split(sep).join('/')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'acme-access', devDependencies: { orgdeck: spec } },
    'node_modules/orgdeck': { version: full.version, resolved: spec, dev: true, dependencies: full.dependencies, bin: full.bin },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path && !entry.dev) packages[path] = { ...entry, dev: true };
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'acme-access', private: true, devDependencies: { orgdeck: spec } }));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'acme-access', lockfileVersion: 3, requires: true, packages }));
  return npm(['ci'], project);
}

const SEED = '_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n';

// Processes of npm and bash on a shared machine: generous timeouts.
describe('the npm package', { timeout: 120_000 }, () => {
  it('has no install-time script; prepack builds', () => {
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[s], s).toBeUndefined();
    expect(pkg.scripts.prepack).toContain('npm run build');
  });

  it("package-lock.json's own entry names the bin package.json names", () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { bin?: unknown }> };
    expect(lock.packages['']?.bin).toEqual(pkg.bin);
  });

  it("ships the bin's bundle of dist/, not tsc's module per source file, which nothing runs", () => {
    expect(packed).toContain(pkg.bin.orgdeck);
    expect(packed.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/bundle/'))).toEqual([]);
  });

  it('installs from the tarball with no install-script warning and no dev dependency; dumps point at ./node_modules/orgdeck inside the project, at no folder outside it', async () => {
    const project = join(dir, 'acme');
    const install = await installTarball(project);
    expect(install.stderr).toBe('');
    expect(existsSync(join(project, 'node_modules', 'typescript'))).toBe(false);
    // The bundle holds its dependencies: installing it fetches no other package.
    expect(readdirSync(join(project, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual(['orgdeck']);
    // …and the notices of those it holds, minified without their own.
    const notices = readFileSync(join(project, 'node_modules', 'orgdeck', 'dist', 'bundle', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const name of ['ajv', 'ajv-formats', 'commander', 'deep-diff', 'undici', 'yaml']) {
      const { version, license } = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string; license: string };
      expect(notices, name).toContain(`\n${name} ${version} (${license})\n`);
    }
    expect(notices).toContain('Permission is hereby granted');
    expect(existsSync(join(project, 'node_modules', 'orgdeck', pkg.bin.orgdeck))).toBe(true);
    // Its source map ships beside it, for a stack trace of an internal error.
    expect(existsSync(join(project, 'node_modules', 'orgdeck', 'dist', 'bundle', 'program.js.map'))).toBe(true);
    const bin = join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'orgdeck.cmd' : 'orgdeck');
    const { env } = await seededOrg(SEED);
    const run = (args: string[], cwd: string) => exec(bin, args, { cwd, env: { PATH, ...env }, encoding: 'utf8' });
    expect((await run(['--version'], dir)).stdout).toBe(`${VERSION}\n`);

    await run(['dump', '-o', 'orgdeck.yaml'], project);
    const inside = readFileSync(join(project, 'orgdeck.yaml'), 'utf8');
    expect(inside.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/orgdeck/schemas/orgdeck.schema.json');

    const elsewhere = join(dir, 'shared');
    mkdirSync(elsewhere);
    await run(['dump', '-o', 'org.yaml'], elsewhere);
    const outside = readFileSync(join(elsewhere, 'org.yaml'), 'utf8');
    expect(outside).not.toContain(project);
    expect(outside.split('\n')[0]).toBe(`# Schema: schemas/orgdeck.schema.json of orgdeck ${VERSION} (docs/install.md says how editors can use it)`);
    expect((await run(['validate', 'org.yaml'], elsewhere)).stdout).toContain('org.yaml is valid');
  });
});
