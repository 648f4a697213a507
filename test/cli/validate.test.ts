import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { runCli } from '../support/io.js';
import { ROOT, readmeBlock } from '../support/readme.js';

process.chdir(ROOT);

describe('orgdeck validate', () => {
  it('accepts the example organization with a one-line summary', async () => {
    const r = await runCli(['validate', 'examples/org.yaml']);
    expect(r).toMatchObject({ code: 0, stdout: 'examples/org.yaml is valid: 8 users, 3 teams, 12 grants.\n', stderr: '' });
  });

  it('accepts the minimal example and the example of docs/state-file.md', async () => {
    expect((await runCli(['validate', 'examples/minimal.yaml'])).code).toBe(0);
    const r = await runCli(['validate', '-'], { stdin: readmeBlock('example:state') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('prints exactly what docs/commands.md shows for examples/invalid.yaml, and exits 1', async () => {
    const r = await runCli(['validate', 'examples/invalid.yaml']);
    expect(r.code).toBe(1);
    const shown = readmeBlock('output:validate-invalid').split('\n').slice(1).join('\n');
    expect(r.stdout + r.stderr).toBe(shown);
  });

  it('reads standard input with "-"', async () => {
    const r = await runCli(['validate', '-'], { stdin: '_format_version: "1.0"\nusers: [{email: a@example.com}]\n' });
    expect(r).toMatchObject({ code: 0, stdout: '- is valid: 1 user, 0 teams, 0 grants.\n' });
  });

  it('reads every .yaml and .yml in a directory, sorted, and merges them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-'));
    writeFileSync(join(dir, 'b-users.yml'), '_format_version: "1.0"\nusers: [{email: a@example.com, teams: [T]}]\n');
    writeFileSync(join(dir, 'a-teams.yaml'), '_format_version: "1.0"\nteams: [{name: T}]\n');
    writeFileSync(join(dir, 'notes.txt'), 'not yaml');
    const r = await runCli(['validate', dir]);
    expect(r.stdout).toBe(`${dir} is valid: 1 user, 1 team, 0 grants.\n`);
  });

  it('reads a directory recursively: .yaml, .yml and .json, hidden files and folders skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-'));
    for (const sub of ['people/eng', 'teams', '.git', '.drafts']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'people/eng/ana.json'), JSON.stringify({ _format_version: '1.0', users: [{ email: 'ana@example.com', teams: ['T'] }] }, null, '\t'));
    writeFileSync(join(dir, 'people/bo.YAML'), '_format_version: "1.0"\nusers: [{email: bo@example.com, teams: []}]\n');
    writeFileSync(join(dir, 'teams/t.yml'), '_format_version: "1.0"\nteams: [{name: T}]\n');
    for (const hidden of ['.git/config.yaml', '.drafts/wip.yaml', '.hidden.yaml']) writeFileSync(join(dir, hidden), 'not: [valid');
    writeFileSync(join(dir, 'teams/README.md'), '# not a state file');
    const r = await runCli(['validate', dir]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${dir} is valid: 2 users, 1 team, 0 grants.\n`);
  });

  it('reads a directory in name order, depth first, as decK walks it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-'));
    mkdirSync(join(dir, 'a'));
    // "a" sorts before "a.yaml", so a/z.yaml is read first and a.yaml holds the second listing.
    writeFileSync(join(dir, 'a.yaml'), '_format_version: "1.0"\nusers: [{email: ana@example.com}]\n');
    writeFileSync(join(dir, 'a/z.yaml'), '_format_version: "1.0"\nusers: [{email: ana@example.com}]\n');
    const r = await runCli(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'a.yaml')}:2:`);
    expect(r.stderr).toContain(`listed twice: here and at ${join(dir, 'a/z.yaml')}:2:`);
  });

  it('a directory with no state file in it (hidden ones do not count) is a sentence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-'));
    writeFileSync(join(dir, '.orgdeck.yaml'), '_format_version: "1.0"\n');
    const r = await runCli(['validate', dir]);
    expect(r).toMatchObject({ code: 1, stderr: `Error: Directory "${dir}" holds no .yaml, .yml or .json file (hidden files and folders are skipped).\n` });
  });

  it('says how to fix a missing path, without a stack trace', async () => {
    const r = await runCli(['validate', 'nope.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: Cannot read "nope.yaml": no such file or directory. Check the path, or pass "-" to read standard input.\n');
  });

  it('substitutes ORGDECK_ variables from the environment', async () => {
    const r = await runCli(['validate', '-'], {
      stdin: `_format_version: "1.0"\nusers: [{email: '\${{ env "ORGDECK_EMAIL" }}'}]\n`,
      env: { ORGDECK_EMAIL: 'ana@example.com' },
    });
    expect(r.code).toBe(0);
  });

  it('prints notices for the seed-era entity type names on stderr, and stays valid', async () => {
    const r = await runCli(['validate', '-'], {
      stdin: '_format_version: "1.0"\nteams: [{name: T, roles: [{role: Admin, entity_type: Runtime Groups, entity: "*"}]}]\n',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^notice: -:2:\d+ {2}\/teams\/0\/roles\/0\/entity_type {2}"Runtime Groups" is the former name of "Control Planes"/);
  });
});

describe('orgdeck (program)', () => {
  it('--version prints the version of package.json', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default;
    expect(VERSION).toBe(pkg.version);
    const r = await runCli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });

  it('version prints the versions of orgdeck and Node.js', async () => {
    const r = await runCli(['version']);
    expect(r).toEqual({ code: 0, stdout: `orgdeck ${VERSION} (Node.js ${process.version})\n`, stderr: '', questions: [] });
  });

  it('no arguments print the help on stdout and exit 0', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: orgdeck /);
    for (const c of ['validate', 'diff', 'sync', 'dump', 'serve', 'version']) expect(r.stdout).toContain(`\n  ${c}`);
  });

  it('--help lists the commands', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('validate');
  });

  it('an unknown flag is a usage error with exit 1', async () => {
    const r = await runCli(['validate', '--bogus']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it("a command's flag before the command (orgdeck --verbose ping, as decK takes it) says where it goes, not \"unknown option '--verbose=1'\"", async () => {
    const offline = { KONNECT_ADDR: 'http://127.0.0.1:9/{region}', KONNECT_TOKEN: 'kpat_x' };
    for (const [argv, message] of [
      [['--verbose', 'ping'], 'Error: --verbose is an option of orgdeck ping, so it goes after the command: orgdeck ping --verbose ….\n'],
      [['--quiet', 'diff', 'org.yaml'], 'Error: --quiet is an option of orgdeck diff, so it goes after the command: orgdeck diff --quiet ….\n'],
      // A flag's value is not the command, and the sentence does not repeat it in either form (it may be a token).
      [['--format=json', 'explain', 'a@example.com'], 'Error: --format is an option of orgdeck explain, so it goes after the command: orgdeck explain --format ….\n'],
      [['--konnect-token', 'kpat_secret', 'ping'], 'Error: --konnect-token is an option of orgdeck ping, so it goes after the command: orgdeck ping --konnect-token ….\n'],
      [['--konnect-token=not_in_the_environment', 'ping'], 'Error: --konnect-token is an option of orgdeck ping, so it goes after the command: orgdeck ping --konnect-token ….\n'],
      [['--verbose', '2', 'ping'], 'Error: --verbose is an option of orgdeck ping, so it goes after the command: orgdeck ping --verbose ….\n'],
    ] as const) {
      expect(await runCli([...argv], { env: offline }), argv.join(' ')).toMatchObject({ code: 1, stderr: message });
    }
    // The program's own flags still go before the command.
    expect((await runCli(['--no-color', 'validate', '-'], { stdin: '_format_version: "1.0"\nusers: []\n' })).code).toBe(0);
  });
});
