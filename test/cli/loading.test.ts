/**
 * A large state file loads between the answers of the reads that go out beside it (cmd/loading.ts):
 * the plan is the one loading first would give, and an invalid file is still the error.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { inTurns, OVERLAP_BYTES, readsAsDump, startLoading } from '../../cmd/loading.js';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';
import type { Steps } from '../../src/file/steps.js';
import { bigOrg } from '../support/big-org.js';
import { planOnce } from '../support/engine.js';
import { captureIo, runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

/** 5,000 users (over OVERLAP_BYTES), 40 of them live, and a live stranger the file leaves out (unlisted: removed). */
async function largeFile() {
  const { seed, desiredYaml } = bigOrg(5000, 40);
  const stranger = { email: 'stranger@example.com', teams: ['Team 0'], roles: [{ role: 'Admin', entity_type: 'Control Planes', entity: '*', region: '*' }] };
  const { org, env } = await seededOrg(stringify({ ...seed, users: [...(seed.users as unknown[]), stranger] }));
  expect(Buffer.byteLength(desiredYaml)).toBeGreaterThanOrEqual(OVERLAP_BYTES);
  const strangerId = org.snapshot().users.find((u) => u.email === 'stranger@example.com')!.id;
  return { org, env, text: desiredYaml, strangerId };
}

const broken = (text: string) => `${text}  - email: last@example.com\n    teams: [Team Nope]\n`;

describe('a large state file', () => {
  it('gives the plan that loading it first, then reading, gives', async () => {
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

  it('that is invalid is the error, whatever the reads begun beside it did, and nothing is written', async () => {
    const { org, env, text } = await largeFile();
    org.clearRequestLog();
    const r = await runCli(['sync', '--yes', file(broken(text))], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Team "Team Nope" is neither declared under teams nor a predefined team/);
    const methods = org.requestLog().map((e) => e.method);
    // The reads went out while the file loaded; they were only reads.
    expect(methods.length).toBeGreaterThan(0);
    expect(methods.filter((m) => m !== 'GET')).toEqual([]);
  });

  it('that is invalid is the error even when the reads fail too (a wrong token)', async () => {
    const { env, text } = await largeFile();
    const r = await runCli(['diff', file(broken(text))], { env: { ...env, KONNECT_TOKEN: 'kpat_WRONGtoken_0123456789abcdef0123456789' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Team "Team Nope" is neither declared/);
    expect(r.stderr).not.toMatch(/401|token/i);
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

  it('that narrows what is read loads first: nobody outside its scope is read', async () => {
    const { org, env, text, strangerId } = await largeFile();
    const narrowed = text.replace('_format_version: "1.0"\n', '_format_version: "1.0"\n_info:\n  unlisted_users: ignore\n');
    const sources = [sourceFromText('org.yaml', narrowed)];
    expect(readsAsDump(sources)).toBe(false);
    org.clearRequestLog();
    const r = await runCli(['diff', '--quiet', file(narrowed)], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(org.requestLog().filter((e) => e.path.includes(strangerId))).toEqual([]);
  });

  it('is loaded later; a small one now, so that a small broken file costs no request', async () => {
    const small = '_format_version: "1.0"\nteams: []\nusers: [{ email: ana@example.com }]\n';
    const { io } = captureIo({ stdin: small });
    const now = await startLoading(['-'], io, () => {});
    expect(now.state).not.toBeInstanceOf(Promise);
    const later = await startLoading(['-'], captureIo({ stdin: `${small}#${' '.repeat(OVERLAP_BYTES)}\n` }).io, () => {});
    expect(later.state).toBeInstanceOf(Promise);
    expect(later.scope).toBeInstanceOf(Promise);
    return later.state;
  });
});

describe('readsAsDump', () => {
  const dumpLike = '_format_version: "1.0"\nteams:\n  - name: Platform\nusers:\n  - email: ana@example.com\n';
  const reads = (...texts: string[]) => readsAsDump(texts.map((t, i) => sourceFromText(`f${i}.yaml`, t)));

  it('holds for a file that removes unlisted users and manages every custom team', () => {
    expect(reads(dumpLike)).toBe(true);
    expect(reads('teams: []\n')).toBe(true);
    expect(reads('users: []\n', 'teams: []\n')).toBe(true);
    // As dump writes it: the default, said out loud.
    expect(reads(`_info:\n  unlisted_users: remove\n${dumpLike}`)).toBe(true);
    expect(reads(`_info:\n  unlisted_users: "remove"\n${dumpLike}`)).toBe(true);
  });

  it('does not when the file (or any of the files) could narrow what is read, even by a mention', () => {
    expect(reads(dumpLike.replace('users:', '_info:\n  unlisted_users: ignore\nusers:'))).toBe(false);
    expect(reads(dumpLike.replace('users:', '_info:\n  select_team_labels: { a: b }\nusers:'))).toBe(false);
    expect(reads(`${dumpLike}# unlisted_users: ignore\n`)).toBe(false);
    expect(reads(dumpLike, '_info:\n  unlisted_users: ${{ env.MODE }}\n')).toBe(false);
    expect(reads(dumpLike, '_info:\n  unlisted_users: "\\x69gnore"\n')).toBe(false);
    expect(reads(dumpLike, '_info: { unlisted_users: remove }\n')).toBe(false);
    expect(reads(`_info:\n  unlisted_users: remove # not: unlisted_users: ignore\n${dumpLike}`)).toBe(false);
    // No top-level teams: no custom team is orgdeck's, and none may be read.
    expect(reads('users:\n  - email: ana@example.com\n    teams: [Platform]\n')).toBe(false);
    expect(reads('{ "teams": [] }')).toBe(false);
  });
});

describe('inTurns', () => {
  it('lets its caller go first, then gives the event loop a turn each time the steps have held the thread stepMs', async () => {
    let clock = 0;
    let turns = 0;
    const seenAt: number[] = [];
    function* work(): Steps<string> {
      for (let i = 1; i <= 7; i++) {
        clock++;
        seenAt.push(turns);
        yield;
      }
      return 'done';
    }
    // Another task, taking one turn after another until the work is done.
    let going = true;
    const other = () => {
      turns++;
      if (going) setImmediate(other);
    };
    setImmediate(other);
    const result = inTurns(work(), () => clock, 3);
    const callerSaw = seenAt.length;
    const value = await result.finally(() => {
      going = false;
    });
    expect(value).toBe('done');
    expect(callerSaw).toBe(0);
    // The clock moves one per step: runs of three steps, the other task's turns between them only.
    const [a, b, c] = [seenAt[0]!, seenAt[3]!, seenAt[6]!];
    expect(seenAt).toEqual([a, a, a, b, b, b, c]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
  });
});
