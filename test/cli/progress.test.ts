/**
 * The progress line, on an injected clock: one line redrawn in place on a terminal, a plain line
 * at most every 10 s elsewhere, waits said at once; and through the CLI, never on stdout.
 */
import { describe, expect, it, vi } from 'vitest';
import { LOG_EVERY_MS, ProgressLine } from '../../cmd/progress.js';
import { scopeOf } from '../../src/diff/scope.js';
import { KonnectClient } from '../../src/konnect/client.js';
import { fetchLiveState } from '../../src/konnect/fetch.js';
import { type Transport, undiciTransport } from '../../src/konnect/transport.js';
import { countFoundReads, type ProgressEvent } from '../../src/progress.js';
import { bigOrg } from '../support/big-org.js';
import { desiredFrom, FAST_RETRY } from '../support/engine.js';
import { runCli } from '../support/io.js';
import { startOrg } from '../support/local-org.js';
import { seededOrg } from '../support/org.js';

function line(tty: boolean) {
  const out: string[] = [];
  let now = 1_000_000;
  const p = new ProgressLine({ write: (t) => out.push(t), tty, now: () => now });
  return { p, out, at: (ms: number) => (now = 1_000_000 + ms) };
}

const CLEAR = '\r\u001b[2K';

describe('progress line on a terminal', () => {
  it('redraws one line in place with what is being read, done/total', () => {
    const { p, out, at } = line(true);
    at(500);
    p.onEvent({ type: 'read', part: 'users', done: 100, total: 10_000 });
    p.onEvent({ type: 'read', part: 'teams', done: 100, total: 400 });
    expect(out).toEqual([`${CLEAR}reading users 100/10,000`]); // the first at once, the second came within 200 ms
    at(800);
    p.tick();
    expect(out.at(-1)).toBe(`${CLEAR}reading users 100/10,000, teams 100/400`);
    p.stop();
    expect(out.at(-1)).toBe(CLEAR);
    expect(out.join('')).not.toContain('\n');
  });

  it('applying: done/total, requests per second and the time left', () => {
    const { p, out, at } = line(true);
    p.onEvent({ type: 'apply', done: 0, total: 2000 });
    for (let i = 0; i < 500; i++) p.onRequest();
    at(10_000);
    p.onEvent({ type: 'apply', done: 400, total: 2000 });
    expect(out.at(-1)).toBe(`${CLEAR}applying 400/2,000 changes · 50 requests/s · about 40 s left`);
  });

  it('says at once that Konnect rate-limits us, and counts down to resuming', () => {
    const { p, out, at } = line(true);
    p.onEvent({ type: 'apply', done: 10, total: 100 });
    at(50);
    p.onEvent({ type: 'hold', reason: 'rate-limit', until: 12_050, now: 50 });
    expect(out.at(-1)).toMatch(/· rate-limited by Konnect, resuming in 12 s$/);
    at(3_050);
    p.tick();
    expect(out.at(-1)).toMatch(/resuming in 9 s$/);
    at(12_100);
    p.tick();
    expect(out.at(-1)).not.toMatch(/rate-limited/);
  });

  it('shows what is being retried for a while', () => {
    const { p, out, at } = line(true);
    p.onEvent({ type: 'read', part: 'users', done: 0, total: 100 });
    p.onEvent({ type: 'retry', method: 'GET', path: '/v3/users', why: '503 Service Unavailable', attempt: 2, delayMs: 250 });
    expect(out.at(-1)).toBe(`${CLEAR}reading users 0/100 · retrying GET /v3/users (503 Service Unavailable), try 2`);
    at(6_000);
    p.tick();
    expect(out.at(-1)).toBe(`${CLEAR}reading users 0/100`);
  });

  it('puts step lines above itself, never in the middle of it', () => {
    const { p, out } = line(true);
    p.onEvent({ type: 'apply', done: 0, total: 2 });
    out.length = 0;
    p.above(() => out.push('[1/2] invite user a@example.com: done\n'));
    expect(out).toEqual([CLEAR, '[1/2] invite user a@example.com: done\n', `${CLEAR}applying 0/2 changes`]);
  });
});

describe('progress line in a log (not a terminal)', () => {
  it('prints a plain line at most every 10 s, none for a short command', () => {
    const { p, out, at } = line(false);
    for (let ms = 0; ms <= 25_000; ms += 100) {
      at(ms);
      p.onEvent({ type: 'read', part: 'grants', done: ms, total: 100_000 });
    }
    expect(out).toEqual(['reading grants 10,000/100,000\n', 'reading grants 20,000/100,000\n']);
    expect(LOG_EVERY_MS).toBe(10_000);
    p.stop();
    expect(out).toHaveLength(2);
  });

  it('a rate-limit wait shows on the next line, not at once', () => {
    const { p, out, at } = line(false);
    p.onEvent({ type: 'read', part: 'users', done: 0, total: 10 });
    p.onEvent({ type: 'hold', reason: 'rate-limit', until: 60_000, now: 0 });
    expect(out).toEqual([]);
    at(10_000);
    p.tick();
    expect(out).toEqual(['reading users 0/10 · rate-limited by Konnect, resuming in 50 s\n']);
  });
});

describe('the cost of an event', () => {
  it('builds no line for an event that comes too soon to be drawn (one event per answer)', () => {
    for (const tty of [true, false]) {
      const { p, out, at } = line(tty);
      const built = vi.spyOn(p, 'line');
      at(tty ? 0 : LOG_EVERY_MS);
      p.onEvent({ type: 'read', part: 'users', done: 100, total: 10_000 });
      for (let i = 2; i <= 100; i++) p.onEvent({ type: 'read', part: 'users', done: 100 * i, total: 10_000 });
      expect(out).toEqual([tty ? `${CLEAR}reading users 100/10,000` : 'reading users 100/10,000\n']);
      expect(built).toHaveBeenCalledTimes(1);
    }
  });
});

describe('progress through the CLI', () => {
  const yaml = '_format_version: "1.0"\nusers:\n  - email: a@example.com\n    full_name: A\n';

  it('on a terminal: on stderr only, cleared at the end; stdout holds just the dump', async () => {
    const { env } = await seededOrg(yaml);
    const r = await runCli(['dump'], { env, stderrIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# yaml-language-server: \$schema=\S+\n# Written by orgdeck dump/);
    expect(r.stdout).not.toContain('reading');
    expect(r.stderr).toContain(`${CLEAR}reading users`);
    expect(r.stderr.endsWith(CLEAR)).toBe(true);
  });

  it('--quiet: no progress line', async () => {
    const { env } = await seededOrg(yaml);
    const loud = await runCli(['diff', '-'], { env, stderrIsTTY: true, stdin: yaml });
    const quiet = await runCli(['diff', '--quiet', '-'], { env, stderrIsTTY: true, stdin: yaml });
    expect(loud.stderr).toContain(`${CLEAR}reading`);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain(CLEAR);
    expect(quiet.stderr).not.toContain('reading');
    expect(quiet.stdout).toBe(loud.stdout);
  });
});

describe('totals that grow as work is found', () => {
  it('a total still being found is shown as a floor, then as the total once it is final', () => {
    const { p, out, at } = line(true);
    p.onEvent({ type: 'read', part: 'grants', done: 1_200, total: 3_400, growing: true });
    expect(out.at(-1)).toBe(`${CLEAR}reading grants 1,200 of at least 3,400`);
    at(1_000);
    p.onEvent({ type: 'read', part: 'grants', done: 1_300, total: 10_000 });
    expect(out.at(-1)).toBe(`${CLEAR}reading grants 1,300/10,000`);
  });

  it('countFoundReads: growing until every list naming the reads is whole, then final', () => {
    const seen: ProgressEvent[] = [];
    const c = countFoundReads('grants', (e) => seen.push(e), 2);
    c.grow();
    c.grow();
    c.step();
    c.listRead(); // the user list is whole; the team list may still name grants
    c.grow();
    c.step();
    c.listRead();
    c.step();
    expect(seen).toEqual([
      { type: 'read', part: 'grants', done: 1, total: 2, growing: true },
      { type: 'read', part: 'grants', done: 1, total: 2, growing: true },
      { type: 'read', part: 'grants', done: 2, total: 3, growing: true },
      { type: 'read', part: 'grants', done: 2, total: 3 },
      { type: 'read', part: 'grants', done: 3, total: 3 },
    ]);
  });

  it('reading an org over several pages: a total reported as final never changes afterwards', async () => {
    const { seed, desiredYaml } = bigOrg(450, 450);
    const { org } = await startOrg({ seed: seed as never, latencyMs: 2 });
    // The user list's last page is held back until a grant read is reported (or 8 s pass): on a
    // loaded machine every page may otherwise be in before the first role list answers, and
    // whether the total was seen growing would depend on which answer came first.
    let grantsReported!: () => void;
    const reported = new Promise<'grants'>((resolve) => { grantsReported = () => resolve('grants'); });
    let lastPageReleasedBy: string | undefined;
    const wire = undiciTransport(8);
    const transport: Transport = async (req) => {
      const url = new URL(req.url);
      if (url.pathname.endsWith('/v3/users') && url.searchParams.get('page[number]') === '5') {
        lastPageReleasedBy = await Promise.race([reported, new Promise<string>((r) => setTimeout(() => r('timeout'), 8_000))]);
      }
      return wire(req);
    };
    const client = new KonnectClient({ addr: org.addr, token: org.token, transport, parallelism: 8, timeoutMs: 10_000, retry: FAST_RETRY });
    const events: ProgressEvent[] = [];
    await fetchLiveState(client, scopeOf(desiredFrom(desiredYaml)), (e) => {
      events.push(e);
      // A grant read answered, not the team list's end (which reports the grants total too).
      if (e.type === 'read' && e.part === 'grants' && e.done > 0) grantsReported();
    });
    expect(lastPageReleasedBy).toBe('grants');
    for (const part of ['grants', 'memberships'] as const) {
      const reads = events.filter((e): e is Extract<ProgressEvent, { type: 'read' }> => e.type === 'read' && e.part === part);
      const last = reads.at(-1)!;
      expect(last.growing, part).toBeUndefined();
      expect(last.done, part).toBe(last.total);
      expect(reads.filter((e) => !e.growing && e.total !== last.total), part).toEqual([]);
    }
    // Grants were found while the user list was still being read: their total did grow.
    const grants = events.filter((e) => e.type === 'read' && e.part === 'grants');
    expect(grants.some((e) => e.type === 'read' && e.growing && e.total < 451)).toBe(true);
  }, 60_000);
});
