/**
 * A large state file is loaded, and refused if invalid, before any request: the plan is the one
 * the engine gives for the loaded file, an invalid file is the error and costs no request, and a
 * file that narrows what is read has nobody outside its scope read.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';
import { bigOrg } from '../support/big-org.js';
import { planOnce } from '../support/engine.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

/** 5,000 users (over half a megabyte), 40 of them live, and a live stranger the file leaves out (unlisted: removed). */
async function largeFile() {
  const { seed, desiredYaml } = bigOrg(5000, 40);
  const stranger = { email: 'stranger@example.com', teams: ['Team 0'], roles: [{ role: 'Admin', entity_type: 'Control Planes', entity: '*', region: '*' }] };
  const { org, env } = await seededOrg(stringify({ ...seed, users: [...(seed.users as unknown[]), stranger] }));
  expect(Buffer.byteLength(desiredYaml)).toBeGreaterThanOrEqual(512 * 1024);
  const strangerId = org.snapshot().users.find((u) => u.email === 'stranger@example.com')!.id;
  return { org, env, text: desiredYaml, strangerId };
}

const broken = (text: string) => `${text}  - email: last@example.com\n    teams: [Team Nope]\n`;

describe('a large state file', () => {
  it('gives the plan that the engine gives for the loaded file', async () => {
    const { org, env, text } = await largeFile();
    const r = await runCli(['diff', '--format', 'json', '--quiet', file(text)], { env });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout);
    const desired = loadDesiredState([sourceFromText('org.yaml', text)], {}).state!;
    const expected = await planOnce(org, desired);
    expect(plan.summary).toEqual(expected.summary);
    expect(plan.changes).toEqual(JSON.parse(JSON.stringify(expected.changes)));
    expect(plan.summary.create).toBeGreaterThan(4900);
    expect(plan.changes.some((c: { op: string; user?: { email: string } }) => c.op === 'delete' && c.user?.email === 'stranger@example.com')).toBe(true);
  });

  it('that is invalid is the error, and no request is sent', async () => {
    const { org, env, text } = await largeFile();
    org.clearRequestLog();
    const r = await runCli(['sync', '--yes', file(broken(text))], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Team "Team Nope" is neither declared under teams nor a predefined team/);
    expect(org.requestLog()).toEqual([]);
  });

  it('that is invalid is the error even when the token is wrong too', async () => {
    const { org, env, text } = await largeFile();
    org.clearRequestLog();
    const r = await runCli(['diff', file(broken(text))], { env: { ...env, KONNECT_TOKEN: 'kpat_WRONGtoken_0123456789abcdef0123456789' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Team "Team Nope" is neither declared/);
    expect(r.stderr).not.toMatch(/401|token/i);
    expect(org.requestLog()).toEqual([]);
  });

  it('that is invalid is the error when the address is refused too, with no second, unhandled failure', async () => {
    const { text } = await largeFile();
    // The client cannot be made: the file's problems still come first (a rejection left
    // unhandled would fail this test run).
    const r = await runCli(['diff', file(broken(text))], { env: { KONNECT_ADDR: 'ftp://nope/{region}', KONNECT_TOKEN: 'kpat_x' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Team "Team Nope" is neither declared/);
    expect(r.stderr).not.toMatch(/ftp/);
  });

  it('that narrows what is read has nobody outside its scope read', async () => {
    const { org, env, text, strangerId } = await largeFile();
    const narrowed = text.replace('_format_version: "1.0"\n', '_format_version: "1.0"\n_info:\n  unlisted_users: ignore\n');
    expect(narrowed).not.toBe(text);
    org.clearRequestLog();
    const r = await runCli(['diff', '--quiet', file(narrowed)], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(org.requestLog().filter((e) => e.path.includes(strangerId))).toEqual([]);
  });
});
