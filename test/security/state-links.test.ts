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
});
