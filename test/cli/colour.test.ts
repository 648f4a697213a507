/** Colours: --no-color, NO_COLOR, FORCE_COLOR and TERM=dumb, strongest first. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useColour } from '../../cmd/io.js';
import { captureIo, runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const CASES: [string, { isTTY: boolean; env?: Record<string, string>; noColour?: boolean }, boolean][] = [
  ['a terminal', { isTTY: true }, true],
  ['no terminal', { isTTY: false }, false],
  ['NO_COLOR=1 on a terminal', { isTTY: true, env: { NO_COLOR: '1' } }, false],
  ['NO_COLOR empty (the spec: set and not empty)', { isTTY: true, env: { NO_COLOR: '' } }, true],
  ['--no-color on a terminal', { isTTY: true, noColour: true }, false],
  ['--no-color beats FORCE_COLOR', { isTTY: true, noColour: true, env: { FORCE_COLOR: '1' } }, false],
  ['NO_COLOR beats FORCE_COLOR', { isTTY: false, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }, false],
  ['FORCE_COLOR=1 without a terminal (CI)', { isTTY: false, env: { FORCE_COLOR: '1' } }, true],
  ['FORCE_COLOR empty still forces', { isTTY: false, env: { FORCE_COLOR: '' } }, true],
  ['FORCE_COLOR=0 on a terminal', { isTTY: true, env: { FORCE_COLOR: '0' } }, false],
  ['FORCE_COLOR=false on a terminal', { isTTY: true, env: { FORCE_COLOR: 'false' } }, false],
  ['TERM=dumb on a terminal', { isTTY: true, env: { TERM: 'dumb' } }, false],
  ['TERM=xterm-256color on a terminal', { isTTY: true, env: { TERM: 'xterm-256color' } }, true],
  ['FORCE_COLOR=1 with TERM=dumb (asked for explicitly)', { isTTY: true, env: { TERM: 'dumb', FORCE_COLOR: '1' } }, true],
];

describe('useColour', () => {
  it.each(CASES)('%s → %s', (_, given, expected) => {
    const { io } = captureIo({ isTTY: given.isTTY, env: given.env ?? {} });
    expect(useColour({ ...io, ...(given.noColour ? { noColour: true } : {}) })).toBe(expected);
  });
});

describe('colours in diff output', () => {
  const seed = '_format_version: "1.0"\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n';
  const desired = join(mkdtempSync(join(tmpdir(), 'orgdeck-colour-')), 'org.yaml');
  writeFileSync(desired, '_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n  - { email: new@example.com }\n');

  it.each([
    ['orgdeck diff on a terminal', ['diff'], {}, true, true],
    ['orgdeck diff --no-color', ['diff', '--no-color'], {}, true, false],
    ['orgdeck --no-color diff', ['--no-color', 'diff'], {}, true, false],
    ['TERM=dumb', ['diff'], { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR=1 into a pipe', ['diff'], { FORCE_COLOR: '1' }, false, true],
  ] as [string, string[], Record<string, string>, boolean, boolean][])('%s', async (_, args, extraEnv, isTTY, coloured) => {
    const { env } = await seededOrg(seed);
    const argv = [...args, desired];
    const r = await runCli(argv, { env: { ...env, ...extraEnv }, isTTY });
    expect(r.stdout).toContain('invite user new@example.com');
    expect(r.stdout.includes('\u001b[')).toBe(coloured);
  });
});
