/**
 * A large state file loads between the answers of the reads that go out beside it (cmd/loading.ts):
 * the plan is the one loading first would give, and an invalid file is still the error.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { inTurns, OVERLAP_BYTES, startLoading } from '../../cmd/loading.js';
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

/** 5,000 users (over OVERLAP_BYTES), 40 of them live, and a live stranger the file leaves alone (unlisted_users: ignore). */
async function largeFile() {
  const { seed, desiredYaml } = bigOrg(5000, 40);
  const stranger = { email: 'stranger@example.com', teams: ['Team 0'], roles: [{ role: 'Admin', entity_type: 'Control Planes', entity: '*', region: '*' }] };
  const { org, env } = await seededOrg(stringify({ ...seed, users: [...(seed.users as unknown[]), stranger] }));
  const text = desiredYaml.replace('_format_version: "1.0"\n', '_format_version: "1.0"\n_info:\n  unlisted_users: ignore\n');
  expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(OVERLAP_BYTES);
  return { org, env, text };
}

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
    expect(r.stdout).not.toContain('stranger@example.com');
  });

  it('that is invalid is the error, whatever the reads begun beside it did, and nothing is written', async () => {
    const { org, env, text } = await largeFile();
    org.clearRequestLog();
    const broken = `${text}  - email: last@example.com\n    teams: [Team Nope]\n`;
    const r = await runCli(['sync', '--yes', file(broken)], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Team "Team Nope" is neither declared under teams nor a predefined team/);
    const methods = org.requestLog().map((e) => e.method);
    // The reads went out while the file loaded; they were only reads.
    expect(methods.length).toBeGreaterThan(0);
    expect(methods.filter((m) => m !== 'GET')).toEqual([]);
  });

  it('is loaded later; a small one now, so that a small broken file costs no request', async () => {
    const small = '_format_version: "1.0"\nusers: [{ email: ana@example.com }]\n';
    const { io } = captureIo({ stdin: small });
    const now = await startLoading(['-'], io, () => {});
    expect(now.state).not.toBeInstanceOf(Promise);
    const later = await startLoading(['-'], captureIo({ stdin: `${small}#${' '.repeat(OVERLAP_BYTES)}\n` }).io, () => {});
    expect(later.state).toBeInstanceOf(Promise);
    expect(later.scope).toBeInstanceOf(Promise);
    return later.state;
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
