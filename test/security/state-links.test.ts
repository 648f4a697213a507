/**
 * Issue 25, item 1: a pull request fills the state folder CI plans, so a link in it must not
 * read what lies outside it, and no error may print more than an excerpt of what it read.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStateSources } from '../../src/file/read.js';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';
import { excerpt } from '../../src/text/excerpt.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const SECRET = 'CLOUD_KEY=AKIA_super_secret_value_0123456789_do_not_print_this_anywhere';
const STATE = '_format_version: "1.0"\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n';
const noStdin = () => new Uint8Array();

function repo(): { root: string; state: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'orgdeck-links-'));
  const state = join(root, 'state');
  const outside = join(root, 'outside');
  mkdirSync(state);
  mkdirSync(outside);
  writeFileSync(join(state, 'org.yaml'), STATE);
  writeFileSync(join(outside, 'secret.yaml'), `${SECRET}\n`);
  return { root, state, outside };
}

/** Runs `fn` with the current directory at `dir`, as CI runs orgdeck from the checkout's root. */
async function inDir<T>(dir: string, fn: () => T | Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await fn();
  } finally {
    process.chdir(before);
  }
}

describe('links in a state folder', () => {
  it('refuses a file link that leaves the folder, naming the link and its target, and reads nothing', async () => {
    const { state, outside } = repo();
    symlinkSync(join(outside, 'secret.yaml'), join(state, 'env.yaml'));
    const r = await runCli(['validate', state]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`"${join(state, 'env.yaml')}" is a symbolic link to "${join(outside, 'secret.yaml')}", outside the folder "${state}"`);
    expect(r.stdout + r.stderr).not.toContain('AKIA');
  });

  it('refuses /proc/self/environ behind a link: the CI environment is never printed', async () => {
    const { state } = repo();
    symlinkSync('/proc/self/environ', join(state, 'env.yaml'));
    const r = await runCli(['validate', state], { env: { GITHUB_TOKEN: 'ghp_should_never_appear' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is a symbolic link to "\/proc\/\d+\/environ", outside the folder/);
    expect(r.stdout + r.stderr).not.toMatch(/PATH=|HOME=/);
  });

  it('refuses a folder link that leaves the folder', async () => {
    const { state, outside } = repo();
    symlinkSync(outside, join(state, 'more'));
    expect(() => readStateSources([state], noStdin)).toThrow(/"[^"]*more" is a symbolic link to "[^"]*outside", outside the folder/);
  });

  it('refuses a state path that is itself a link out of its folder', () => {
    const { state, outside } = repo();
    symlinkSync(join(outside, 'secret.yaml'), join(state, 'linked.yaml'));
    expect(() => readStateSources([join(state, 'linked.yaml')], noStdin)).toThrow(/symbolic link to .*outside the folder/);
  });

  it('follows links that stay inside the folder, and reads a linked loop once', () => {
    const { state } = repo();
    mkdirSync(join(state, 'teams'));
    writeFileSync(join(state, 'teams', 't.yaml'), '_format_version: "1.0"\nteams: [{ name: T }]\n');
    symlinkSync(join(state, 'teams'), join(state, 'z-again'));
    symlinkSync(state, join(state, 'teams', 'loop'));
    const names = readStateSources([state], noStdin).map((s) => s.name.slice(state.length + 1));
    expect(names).toEqual(['org.yaml', join('teams', 't.yaml')]);
  });

  it('reads a file that reports size 0 up to the cap, not by its reported size', () => {
    const [source] = readStateSources(['/proc/self/status'], noStdin);
    expect(source!.bytes.length).toBeGreaterThan(0);
    expect(source!.size).toBe(source!.bytes.length);
  });

  it('sends no request to the organization when the folder holds a link out of it', async () => {
    const { org, env } = await seededOrg(STATE);
    const { state, outside } = repo();
    symlinkSync(join(outside, 'secret.yaml'), join(state, 'env.yaml'));
    const r = await runCli(['diff', state], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('does not follow links that leave the folder');
    expect(r.stdout + r.stderr).not.toContain('AKIA');
    expect(org.requestLog()).toEqual([]);
  });
});

describe('links among the components of a state path (issue 25, review)', () => {
  /** `ws/state -> ../outside`, run from `ws`: the checkout a pull request filled. */
  function linkedState(): { ws: string; outside: string } {
    const { root, outside } = repo();
    const ws = join(root, 'ws');
    mkdirSync(ws);
    symlinkSync(join('..', 'outside'), join(ws, 'state'));
    return { ws, outside };
  }

  for (const path of ['state/', 'state/.', './state/', 'state/secret.yaml']) {
    it(`refuses "${path}" when state is a link out of the current directory, and prints nothing it read`, async () => {
      const { ws, outside } = linkedState();
      const r = await inDir(ws, () => runCli(['validate', path]));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/" is a symbolic link to "[^"]*outside", outside the folder "[^"]*": orgdeck does not follow links/);
      expect(r.stderr).toContain(outside);
      expect(r.stdout + r.stderr).not.toContain('AKIA');
    });
  }

  it('names the linked parent folder, not the file under it', async () => {
    const { ws, outside } = linkedState();
    await inDir(ws, () => {
      expect(() => readStateSources(['state/secret.yaml'], noStdin)).toThrow(`"state" is a symbolic link to "${outside}", outside the folder "."`);
    });
  });

  it('refuses a linked parent folder in an absolute path too', () => {
    const { ws } = linkedState();
    expect(() => readStateSources([join(ws, 'state', 'secret.yaml')], noStdin)).toThrow(/"[^"]*ws\/state" is a symbolic link to "[^"]*outside", outside the folder "[^"]*ws"/);
  });

  it('reads "link/.." as the text says: the folder it is written in, not the parent of the link\'s target', async () => {
    const { ws, outside } = linkedState();
    mkdirSync(join(outside, 'inner'));
    symlinkSync(join('..', 'outside', 'inner'), join(ws, 'deep'));
    const r = await inDir(ws, () => runCli(['validate', 'deep/../secret.yaml']));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot read "deep/../secret.yaml": no such file or directory');
    expect(r.stdout + r.stderr).not.toContain('AKIA');
  });

  it('still reads a state folder reached through a link that stays in the current directory', async () => {
    const { root } = repo();
    symlinkSync('state', join(root, 'current'));
    const read = (paths: string[]) => inDir(root, () => readStateSources(paths, noStdin).map((s) => s.name));
    expect(await read(['current/'])).toEqual([join('current', 'org.yaml')]);
    expect(await read(['./current/.'])).toEqual([join('current', 'org.yaml')]);
    expect(await read(['current/org.yaml'])).toEqual(['current/org.yaml']);
    // Given together they name one file, which is read once.
    expect(await read(['current/', './current/.', 'current/org.yaml'])).toEqual([join('current', 'org.yaml')]);
  });
});

describe('links to hidden files', () => {
  /** A checkout's .git/config holds the credential header actions/checkout writes. */
  function checkout(): string {
    const { state } = repo();
    mkdirSync(join(state, '.git'));
    writeFileSync(join(state, '.git', 'config'), `[http]\n\textraheader = AUTHORIZATION: basic ${'eC1hY2Nlc3MtdG9rZW46'.repeat(4)}\n`);
    return state;
  }

  it('refuses a link into a hidden folder inside the state folder (.git/config)', async () => {
    const state = checkout();
    symlinkSync(join('.git', 'config'), join(state, 'orgdeck.yaml'));
    const r = await runCli(['validate', state]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`"${join(state, 'orgdeck.yaml')}" is a symbolic link to "${join(state, '.git', 'config')}", into the hidden ".git" in the folder "${state}": hidden files are never read`);
    expect(r.stdout + r.stderr).not.toContain('basic');
  });

  it('refuses a state path that is a link to a hidden file beside it', () => {
    const state = checkout();
    symlinkSync(join('.git', 'config'), join(state, 'orgdeck.yaml'));
    expect(() => readStateSources([join(state, 'orgdeck.yaml')], noStdin)).toThrow(/into the hidden "\.git".*hidden files are never read/);
  });
});

describe('values quoted in problems', () => {
  it('quote a short excerpt of a long value, never the whole of it', async () => {
    const key = ['-----BEGIN OPENSSH PRIVATE KEY-----', ...Array.from({ length: 22 }, (_, i) => `line${i}${'x'.repeat(60)}`)].join('\n');
    const r = loadDesiredState([sourceFromText('k.yaml', `${JSON.stringify(key)}\n`)], {});
    const text = r.problems.map((p) => p.message).join('\n');
    expect(text).toContain('-----BEGIN OPENSSH PRIVATE KEY-----');
    expect(text).not.toContain('line1x');
    expect(text).toMatch(/\(1,\d{3} characters\)/);
  });

  it('excerpt keeps short values whole and cuts long ones at 40 characters', () => {
    expect(excerpt('abc')).toBe('"abc"');
    expect(excerpt(42)).toBe('42');
    expect(excerpt('y'.repeat(100))).toBe(`"${'y'.repeat(40)}…" (100 characters)`);
  });

  it('a long unknown email, enum or label value is quoted as an excerpt', async () => {
    const long = `a${'b'.repeat(300)}@example.com`;
    const r = loadDesiredState([sourceFromText('e.yaml', `_format_version: "1.0"\nusers: [{ email: "${long}", status: "${'q'.repeat(300)}" }]\n`)], {});
    for (const p of r.problems) expect(p.message.length).toBeLessThan(400);
  });

  it('a YAML syntax error quotes an excerpt of the text it stumbled on, not the whole of it', () => {
    const secret = `basic ${'eC1hY2Nlc3MtdG9rZW46Z2hwX3NlY3JldF92YWx1ZQ'.repeat(3)}`;
    const r = loadDesiredState([sourceFromText('s.yaml', `- x\nb: ${secret}\n`)], {});
    const text = r.problems.map((p) => p.message).join('\n');
    expect(text).toContain('YAML syntax error: Unexpected scalar token in YAML stream: "basic eC1hY2');
    expect(text).toContain(`(${secret.length} characters)`);
    expect(text).not.toContain(secret.slice(0, 41));
  });
});
