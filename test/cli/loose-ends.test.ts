/**
 * Issue 23's loose ends: flags out of range are refused with the range, a --data file that
 * cannot be written is a sentence (not an internal error), and a foreign YAML file in a state
 * directory is named once.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const STATE = `_format_version: "1.0"
users:
  - { email: owner@example.com, teams: [Organization Admin] }
`;

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'orgdeck-loose-'));
}

describe('--timeout and --parallelism ranges', () => {
  it.each([
    ['--timeout', '3000000', '--timeout (or ORGDECK_TIMEOUT) takes a whole number of seconds from 1 to 3600, not "3000000".'],
    ['--timeout', '1e9', '--timeout (or ORGDECK_TIMEOUT) takes a whole number of seconds from 1 to 3600, not "1e9".'],
    ['--timeout', '0', '--timeout (or ORGDECK_TIMEOUT) takes a whole number of seconds from 1 to 3600, not "0".'],
    ['--parallelism', '1000', '--parallelism (or ORGDECK_PARALLELISM) takes a whole number of requests from 1 to 64, not "1000".'],
    ['--parallelism', '2.5', '--parallelism (or ORGDECK_PARALLELISM) takes a whole number of requests from 1 to 64, not "2.5".'],
  ])('%s %s is refused before any request, with the allowed range', async (flag, value, sentence) => {
    const { org, env } = await seededOrg(STATE);
    const r = await runCli(['dump', flag, value], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: ${sentence}\n`);
    expect(org.requestLog()).toEqual([]);
  });

  it('takes the ends of the ranges', async () => {
    const { env } = await seededOrg(STATE);
    const r = await runCli(['dump', '--timeout', '3600', '--parallelism', '64'], { env });
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('serve --data into a folder that cannot hold it', () => {
  it('says why it cannot write, and exits 1', async () => {
    const missing = join(dir(), 'no-such-folder', 'org.json');
    const r = await runCli(['serve', '--port', '0', '--data', missing]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('Internal error');
    expect(r.stderr).toContain(`Error: Cannot write the data file "${missing}" given with --data: the folder "${join(missing, '..')}" does not exist. Create it first, or choose another path.`);
  });
});

describe('a YAML file that is not a state file, in a state directory', () => {
  it('is named once, as not an orgdeck state file', async () => {
    const d = dir();
    writeFileSync(join(d, 'org.yaml'), STATE);
    mkdirSync(join(d, 'ci'));
    writeFileSync(join(d, 'ci', 'kustomization.yaml'), 'apiVersion: v1\nkind: Kustomization\nresources: [a.yaml, b.yaml]\nimages: []\n');
    const r = await runCli(['validate', d]);
    expect(r.code).toBe(1);
    // One problem, located in the file; then the summary.
    const lines = r.stderr.split('\n').filter((l) => l.includes('kustomization.yaml:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Not an orgdeck state file: it has no _format_version');
    expect(r.stderr).toContain('Error: 1 problem in');
  });

  it('is named once even when it holds ${{ … }} of its own, as a GitHub Actions workflow does', async () => {
    const d = dir();
    writeFileSync(join(d, 'org.yaml'), STATE);
    writeFileSync(join(d, 'drift.yml'), 'on: push\njobs:\n  drift:\n    env:\n      KONNECT_TOKEN: ${{ secrets.KONNECT_TOKEN }}\n      NAME: ${{ env "ORGDECK_X" }}\n');
    const r = await runCli(['validate', d], { env: {} });
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.includes('drift.yml:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Not an orgdeck state file');
    expect(r.stderr).toContain('Error: 1 problem in');
  });

  it('a state file that only lacks _format_version still hears what it lacks', async () => {
    const d = dir();
    writeFileSync(join(d, 'users.yaml'), 'users:\n  - { email: owner@example.com, teams: [Organization Admin] }\n');
    const r = await runCli(['validate', join(d, 'users.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"_format_version"');
    expect(r.stderr).not.toContain('Not an orgdeck state file');
  });
});

describe('a state file given twice', () => {
  it('is read once, whether named twice or named beside the folder that holds it', async () => {
    const d = dir();
    writeFileSync(join(d, 'org.yaml'), STATE);
    for (const paths of [[join(d, 'org.yaml'), join(d, 'org.yaml')], [d, join(d, 'org.yaml')], [join(d, 'org.yaml'), join(d, '.', 'org.yaml')]]) {
      const r = await runCli(['validate', ...paths], { env: {} });
      expect(r.code, `${paths.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr).not.toContain('listed twice');
    }
  });
});

describe('no PATH and no orgdeck.yaml', () => {
  /** `orgdeck validate` with no PATH, run in folder `d`. */
  async function validateIn(d: string) {
    const before = process.cwd();
    process.chdir(d);
    try {
      return await runCli(['validate'], { env: {} });
    } finally {
      process.chdir(before);
    }
  }

  it('says that orgdeck.yaml is what a command reads without a PATH', async () => {
    const r = await validateIn(dir());
    expect(r).toMatchObject({ code: 1, stderr: 'Error: Cannot read "orgdeck.yaml": no such file or directory. Without a PATH, orgdeck reads orgdeck.yaml in the current folder: give the state file or folder, or pass "-" to read standard input.\n' });
  });

  it('names orgdeck.yml when that is the file beside the missing orgdeck.yaml', async () => {
    const d = dir();
    writeFileSync(join(d, 'orgdeck.yml'), '_format_version: "1.0"\nusers: []\n');
    const r = await validateIn(d);
    expect(r).toMatchObject({ code: 1, stderr: 'Error: Cannot read "orgdeck.yaml": no such file or directory. Without a PATH, orgdeck reads orgdeck.yaml in the current folder: give the state file or folder (orgdeck.yml is here: give it as the PATH), or pass "-" to read standard input.\n' });
  });
});
