/** A token that cannot be sent is refused with a sentence naming where it came from, before any request. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const SECRET = 'kpat_SECRETpart';
const dir = mkdtempSync(join(tmpdir(), 'orgdeck-token-'));

/** Each way to pass a token: the argv and env for it, and how errors must name it. */
function sources(token: string, addr: string) {
  const path = join(dir, `token-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, token);
  return [
    { named: '--konnect-token', argv: ['--konnect-token', token], env: { KONNECT_ADDR: addr } },
    { named: `--konnect-token-file ${path}`, argv: ['--konnect-token-file', path], env: { KONNECT_ADDR: addr } },
    { named: 'KONNECT_TOKEN', argv: [], env: { KONNECT_ADDR: addr, KONNECT_TOKEN: token } },
  ];
}

const BROKEN: [string, string, RegExp][] = [
  ['a line break in the middle', `${SECRET}\nrest_of_it`, /has a line break at character 16;/],
  ['a carriage return in the middle', `${SECRET}\r\nrest`, /has a line break at character 16;/],
  ['a control character', `${SECRET}\u0007rest`, /has a control character at character 16;/],
  ['a space', `${SECRET} rest`, /has a space at character 16;/],
  ['a non-ASCII letter', `${SECRET}…rest`, /has a character that is not plain ASCII at character 16;/],
];

describe('tokens that cannot be sent', () => {
  // Port 1 on loopback: nothing listens, so a request would fail differently from a refusal.
  const addr = 'http://127.0.0.1:1/{region}';

  for (const [what, token, sentence] of BROKEN) {
    it.each(sources(token, addr))(`a token with ${what} from %# is refused with exit 1, naming its source`, async ({ named, argv, env }) => {
      const r = await runCli(['dump', ...argv], { env });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(sentence);
      expect(r.stderr).toContain(`Error: The token from ${named} has`);
      expect(r.stderr).not.toContain('SECRET');
      expect(r.stderr).not.toContain('connection');
    });
  }

  it.each(sources('  \n', addr).slice(0, 2))('an empty token from $named is refused, naming it', async ({ named, argv, env }) => {
    const r = await runCli(['dump', ...argv], { env });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toContain(`Error: The token from ${named} is empty.`);
  });

  it('a token file that cannot be read names the flag and the path', async () => {
    const r = await runCli(['dump', '--konnect-token-file', join(dir, 'missing')], { env: { KONNECT_ADDR: addr } });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(`Error: Cannot read the token file given with --konnect-token-file ${join(dir, 'missing')}: check the path and its permissions.\n`);
  });

  it('a token file ending in a newline is fine (the newline is not part of the token)', async () => {
    const { env } = await seededOrg('_format_version: "1.0"\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n');
    const [, file] = sources(`${env.KONNECT_TOKEN}\n`, env.KONNECT_ADDR!);
    const r = await runCli(['dump', ...file!.argv], { env: file!.env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('a token Konnect refuses', () => {
  it.each(['--konnect-token', '--konnect-token-file', 'KONNECT_TOKEN'])('401 names the source %s', async (flag) => {
    const { env } = await seededOrg('_format_version: "1.0"\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n');
    const source = sources('kpat_wrong', env.KONNECT_ADDR!).find((s) => s.named.startsWith(flag))!;
    const r = await runCli(['dump', ...source.argv], { env: source.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`401 Unauthenticated`);
    expect(r.stderr).toContain(`The token from ${source.named} was refused`);
  });
});
