/** Writing files: -o/--output-file across commands, dump never replaces a file unasked, the schema line, write errors as sentences. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whyNotWritten } from '../../cmd/output.js';
import { schemaLine, shippedSchemaPath } from '../../cmd/schema-line.js';
import { runCli } from '../support/io.js';
import { VERSION } from '../../src/version.js';
import { seededOrg } from '../support/org.js';
import { ROOT } from '../support/readme.js';

const SEED = '_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n  - { email: bo@example.com, full_name: Bo }\n';
const SCHEMA = join(ROOT, 'schemas', 'orgdeck.schema.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'orgdeck-out-'));

/** The `$schema=` reference of a dump's first line, resolved from the folder it is relative to. */
function schemaOf(text: string, from: string): string {
  const m = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
  expect(m, text.slice(0, 200)).not.toBeNull();
  return resolve(from, m![1]!);
}

describe('the dump starts with the yaml-language-server schema line', () => {
  it('-o FILE outside any project: no path of this machine, the schema named by version, and the file validates', async () => {
    const { env } = await seededOrg(SEED);
    const file = join(tmp(), 'acme', 'org.yaml');
    mkdirSync(dirname(file));
    expect((await runCli(['dump', '-o', file], { env })).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe(`# Schema: schemas/orgdeck.schema.json of orgdeck ${VERSION} (docs/install.md says how editors can use it)`);
    expect(text).not.toContain(ROOT);
    expect(text).not.toContain('$schema=');
    expect(text.split('\n')[1]).toBe('# Written by orgdeck dump. Check it with: orgdeck validate FILE');
    expect((await runCli(['validate', file])).code).toBe(0);
  });

  it('to standard output inside this checkout: the path is relative to the current folder', async () => {
    const { env } = await seededOrg(SEED);
    const r = await runCli(['dump'], { env });
    expect(r.stdout).toMatch(/^# yaml-language-server: \$schema=\.\/schemas\/orgdeck\.schema\.json\n/);
    expect(schemaOf(r.stdout, process.cwd())).toBe(SCHEMA);
  });

  const line = (ref: string) => `# yaml-language-server: $schema=${ref}\n`;
  const none = `# Schema: schemas/orgdeck.schema.json of orgdeck ${VERSION} (docs/install.md says how editors can use it)\n`;
  it.each([
    ['a file in the clone', '/src/orgdeck/org.yaml', '/src/orgdeck/schemas/orgdeck.schema.json', ['/src/orgdeck/.git'], line('./schemas/orgdeck.schema.json')],
    ['orgdeck as a dev dependency', '/src/acme/orgdeck.yaml', '/src/acme/node_modules/orgdeck/schemas/orgdeck.schema.json', ['/src/acme/.git'], line('./node_modules/orgdeck/schemas/orgdeck.schema.json')],
    ['a dev dependency, the file in a subfolder', '/src/acme/access/org.yaml', '/src/acme/node_modules/orgdeck/schemas/orgdeck.schema.json', ['/src/acme/.git', '/src/acme/package.json'], line('../node_modules/orgdeck/schemas/orgdeck.schema.json')],
    ['a package folder without git', '/src/acme/org.yaml', '/src/acme/node_modules/orgdeck/schemas/orgdeck.schema.json', ['/src/acme/package.json'], line('./node_modules/orgdeck/schemas/orgdeck.schema.json')],
    ['a repository next to the clone (a layout of this machine)', '/src/acme-access/orgdeck.yaml', '/src/orgdeck/schemas/orgdeck.schema.json', ['/src/acme-access/.git', '/src/orgdeck/.git'], none],
    ['a global install', '/home/ana/acme/org.yaml', '/usr/lib/node_modules/orgdeck/schemas/orgdeck.schema.json', ['/home/ana/acme/.git'], none],
    ['a file in no project', '/tmp/org.yaml', '/src/orgdeck/schemas/orgdeck.schema.json', ['/src/orgdeck/.git'], none],
    ['the single executable (no schema on disk)', '/src/acme/org.yaml', undefined, ['/src/acme/.git'], none],
  ])('%s', (_, file, schema, markers, expected) => {
    const exists = (path: string) => (markers as string[]).includes(path);
    expect(schemaLine(file, '/elsewhere', schema, exists)).toBe(expected);
  });

  it('finds the schema shipped with the running orgdeck (sources here; dist/ has the same layout below the package root)', () => {
    expect(shippedSchemaPath()).toBe(SCHEMA);
    // dist/ holds tsc's copy of the schema; the one published is the package's.
    expect(shippedSchemaPath(join(ROOT, 'dist', 'cmd'))).toBe(SCHEMA);
    expect(shippedSchemaPath(tmp())).toBeUndefined();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schemas');
  });
});

describe('dump -o over an existing file', () => {
  function existing(): string {
    const file = join(tmp(), 'org.yaml');
    writeFileSync(file, 'mine\n');
    return file;
  }

  it('without a terminal needs --yes: a sentence, exit 1, the file untouched, no API request', async () => {
    const { env, org } = await seededOrg(SEED);
    const file = existing();
    const before = org.stats().requests;
    const r = await runCli(['dump', '-o', file], { env });
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: `Error: "${file}" exists. Pass --yes to replace it, or choose another path.\n` });
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    expect(org.stats().requests).toBe(before);
  });

  it('with --yes replaces it', async () => {
    const { env } = await seededOrg(SEED);
    const file = existing();
    const r = await runCli(['dump', '--output-file', file, '--yes'], { env });
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('email: bo@example.com');
  });

  it.each([
    [false, 1, 'mine\n'],
    [true, 0, 'email: bo@example.com'],
  ])('on a terminal asks first (answer yes: %s)', async (answer, code, content) => {
    const { env } = await seededOrg(SEED);
    const file = existing();
    const r = await runCli(['dump', '-o', file], { env, isTTY: true, answer });
    expect(r.questions).toEqual([`"${file}" exists. Replace it?`]);
    expect(r.code).toBe(code);
    expect(readFileSync(file, 'utf8')).toContain(content);
    if (!answer) expect(r.stderr).toBe(`Nothing was written; "${file}" is unchanged.\n`);
  });

  it('a new file is written without asking, and -o - is standard output', async () => {
    const { env } = await seededOrg(SEED);
    const file = join(tmp(), 'new.yaml');
    const r = await runCli(['dump', '-o', file], { env, isTTY: true });
    expect(r.questions).toEqual([]);
    expect(existsSync(file)).toBe(true);
    const out = await runCli(['dump', '-o', '-'], { env });
    expect(out.stdout).toContain('email: bo@example.com');
  });
});

describe('-o/--output-file for the plan, --out kept as its other name', () => {
  it.each([['-o'], ['--output-file'], ['--out']])('diff %s plan.json writes the plan', async (flag) => {
    const { env } = await seededOrg(SEED);
    const desired = join(tmp(), 'org.yaml');
    writeFileSync(desired, '_format_version: "1.0"\nusers: [{ email: owner@example.com, teams: [Organization Admin] }, { email: new@example.com }]\n');
    const plan = join(tmp(), 'plan.json');
    const r = await runCli(['diff', desired, flag, plan], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(plan, 'utf8')).changes.map((c: { key: string }) => c.key)).toContain('new@example.com');
  });

  it.each([['-o'], ['--out']])('sync --dry-run %s plan.json writes the plan', async (flag) => {
    const { env } = await seededOrg(SEED);
    const desired = join(tmp(), 'org.yaml');
    writeFileSync(desired, SEED);
    const plan = join(tmp(), 'plan.json');
    expect((await runCli(['sync', '--dry-run', desired, flag, plan], { env })).code).toBe(0);
    expect(JSON.parse(readFileSync(plan, 'utf8'))).toMatchObject({ changes: [] });
  });

  it('--out and --output-file naming different files is a usage error', async () => {
    const r = await runCli(['diff', 'x.yaml', '--out', 'a.json', '-o', 'b.json']);
    expect(r).toMatchObject({ code: 1, stderr: 'Error: --out is another name for --output-file; give one of them, not both ("a.json" and "b.json").\n' });
  });
});

describe('write errors are sentences', () => {
  it('a missing folder, for the dump, the plan and the log file', async () => {
    const { env } = await seededOrg(SEED);
    const missing = join(tmp(), 'no', 'such');
    const desired = join(tmp(), 'org.yaml');
    writeFileSync(desired, SEED);
    const dump = await runCli(['dump', '-o', join(missing, 'org.yaml')], { env });
    expect(dump).toMatchObject({ code: 1, stderr: `Error: Cannot write the dump to "${join(missing, 'org.yaml')}": the folder "${missing}" does not exist. Create it first, or choose another path.\n` });
    const plan = await runCli(['diff', desired, '-o', join(missing, 'plan.json')], { env });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`Error: Cannot write the plan to "${join(missing, 'plan.json')}": the folder "${missing}" does not exist.`);
    const log = await runCli(['sync', '--yes', desired, '--log-file', join(missing, 'sync.log')], { env });
    expect(log).toMatchObject({ code: 1, stderr: `Error: Cannot open the log file "${join(missing, 'sync.log')}": the folder "${missing}" does not exist. Create it first, or choose another path.\n` });
  });

  it('a path through a file, and a folder given as the file', async () => {
    const { env } = await seededOrg(SEED);
    const notADir = join(tmp(), 'file');
    writeFileSync(notADir, '');
    const r = await runCli(['dump', '--yes', '-o', join(notADir, 'org.yaml')], { env });
    expect(r.stderr).toBe(`Error: Cannot write the dump to "${join(notADir, 'org.yaml')}": "${notADir}" is not a folder. Choose another path.\n`);
    const dir = tmp();
    const d = await runCli(['dump', '--yes', '-o', dir], { env });
    expect(d.stderr).toBe(`Error: Cannot write the dump to "${dir}": it is a folder. Give a file name.\n`);
  });

  it('diff -o plan.md says the file holds JSON (for sync --plan) and how to keep the markdown; -o plan.json says nothing', async () => {
    const { env } = await seededOrg(SEED);
    const dir = tmp();
    const state = join(dir, 'org.yaml');
    writeFileSync(state, SEED);
    const md = await runCli(['diff', '--format', 'markdown', '-o', join(dir, 'plan.md'), state], { env });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stderr).toContain(`Note: -o always writes the plan as JSON, for orgdeck sync --plan, so ${join(dir, 'plan.md')} holds JSON, not md. For the printed plan in a file, redirect the output instead (orgdeck diff --format markdown > plan.md).`);
    expect(JSON.parse(readFileSync(join(dir, 'plan.md'), 'utf8')).format_version).toBe('2.0');
    const json = await runCli(['diff', '-o', join(dir, 'plan.json'), state], { env });
    expect(json.stderr).not.toContain('Note:');
  });

  it('a folder name that does not exist ("org/"): not "it is a folder", and the suggested file (also --merge-into\'s) can be written', async () => {
    const { env } = await seededOrg(SEED);
    const dir = tmp();
    const missing = `${join(dir, 'org')}/`;
    const d = await runCli(['dump', '-o', missing], { env });
    expect(d).toMatchObject({ code: 1, stderr: `Error: Cannot write the dump to "${missing}": a name ending in "/" names a folder, and there is none. Give a file name (without the "/").\n` });
    // Whatever the command writes: a log file is not a state file, so no .yaml is suggested.
    const log = await runCli(['sync', '--yes', '--log-file', `${join(dir, 'logs')}/`, '-'], { env, stdin: SEED });
    expect(log).toMatchObject({ code: 1, stderr: `Error: Cannot open the log file "${join(dir, 'logs')}/": a name ending in "/" names a folder, and there is none. Give a file name (without the "/").\n` });
    const m = await runCli(['dump', '--merge-into', missing, '--yes'], { env });
    expect(m).toMatchObject({ code: 1, stderr: `Error: --merge-into "${missing}": no such file or folder to refresh. To write a new state file, run orgdeck dump -o ${join(dir, 'org')}.yaml.\n` });
    expect((await runCli(['dump', '-o', `${join(dir, 'org')}.yaml`], { env })).code).toBe(0);
  });

  it.each([
    ['EACCES', 'permission denied. Check the permissions of "/x", or choose another path.'],
    ['EPERM', 'permission denied. Check the permissions of "/x", or choose another path.'],
    ['EROFS', 'the file system is read-only. Choose another path.'],
    ['ENOSPC', 'the disk is full. Free some space and run again.'],
  ])('%s (tests run as root, so permissions are checked on the error itself)', (code, sentence) => {
    expect(whyNotWritten(Object.assign(new Error(`${code}: boom`), { code }), '/x/plan.json')).toBe(sentence);
  });
});
