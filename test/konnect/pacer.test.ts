/**
 * Pacing under a rate limit, in virtual time: the pacer alone, then the client against a
 * fixed-window limiter (the local org's, as Kong's plugin behaves) with latency.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors.js';
import { type ClientEvent, KonnectClient } from '../../src/konnect/client.js';
import { Pacer } from '../../src/konnect/pacer.js';
import type { Transport, WireRequest } from '../../src/konnect/transport.js';
import { RateLimiter } from '../../src/local-org/http/rate-limit.js';
import { VirtualTime } from '../support/virtual-time.js';

const ok = (remaining: number, reset: number) => ({ 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(reset) });

describe('Pacer', () => {
  it('spends the stated budget, then holds every request until the window ends', () => {
    const p = new Pacer();
    expect(p.holdFor(0)).toBeUndefined();
    p.sent();
    p.answered(100, 200, ok(2, 30));
    p.sent();
    p.sent();
    expect(p.holdFor(200)).toEqual({ reason: 'rate-limit', until: 30_100, asked: { ms: 30_000, header: 'RateLimit-Reset' } });
    expect(p.holdFor(30_100)).toBeUndefined();
  });

  it('counts requests still in flight as spent: their answers may not be counted yet', () => {
    const p = new Pacer();
    for (let i = 0; i < 4; i++) p.sent();
    p.answered(10, 200, ok(3, 60)); // three others are in flight
    expect(p.holdFor(10)?.until).toBe(60_010);
  });

  it('keeps the lowest count of answers that arrive out of order in the same window', () => {
    const p = new Pacer();
    p.sent();
    p.sent();
    p.answered(10, 200, ok(1, 60)); // 1 left, 1 in flight → 0
    p.answered(11, 200, ok(5, 60)); // an earlier request, answered late: not more budget
    expect(p.holdFor(12)).toEqual({ reason: 'rate-limit', until: 60_010, asked: { ms: 60_000, header: 'RateLimit-Reset' } });
  });

  it('takes a new window\'s budget as soon as an answer shows one', () => {
    const p = new Pacer();
    p.sent();
    p.answered(0, 200, ok(0, 2));
    expect(p.holdFor(1000)?.until).toBe(2000);
    expect(p.holdFor(2000)).toBeUndefined();
    p.sent();
    p.answered(2050, 200, ok(99, 60));
    expect(p.holdFor(2060)).toBeUndefined();
  });

  it('after a 429, holds everyone until Retry-After', () => {
    const p = new Pacer();
    p.sent();
    p.answered(500, 429, { 'retry-after': '7' });
    expect(p.holdFor(600)).toEqual({ reason: 'rate-limit', until: 7500, asked: { ms: 7000, header: 'Retry-After' } });
    expect(p.holdFor(7500)).toBeUndefined();
  });

  it('without rate-limit headers, never holds', () => {
    const p = new Pacer();
    for (let i = 0; i < 1000; i++) {
      p.sent();
      p.answered(i, 200, {});
    }
    expect(p.holdFor(1000)).toBeUndefined();
  });
});

/** A server with a fixed-window limit per token and a fixed latency, on virtual time. */
function limitedServer(vt: VirtualTime, opts: { limit: number; windowMs: number; latencyMs: number }) {
  const limiter = new RateLimiter(opts.limit, opts.windowMs, vt.clock);
  const log: { at: number; status: number; path: string }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const transport: Transport = async (req: WireRequest) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const decision = limiter.take('token');
    const status = decision.allowed ? 200 : 429;
    log.push({ at: vt.now, status, path: new URL(req.url).pathname });
    await vt.sleep(opts.latencyMs);
    inFlight--;
    const headers = Object.fromEntries(Object.entries(decision.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return { status, headers, text: status === 429 ? '{"message":"API rate limit exceeded"}' : '{}' };
  };
  return { transport, log, maxInFlight: () => maxInFlight };
}

function virtualClient(vt: VirtualTime, transport: Transport, parallelism: number, onEvent?: (e: ClientEvent) => void) {
  return new KonnectClient({
    addr: 'http://127.0.0.1:1/{region}', token: 't', transport, parallelism, timeoutMs: 1000,
    sleep: vt.sleep, now: vt.clock, random: () => 0.5, ...(onEvent ? { onEvent } : {}),
  });
}

describe('the client under a rate limit (virtual time)', () => {
  it('finishes 3.5 windows of requests with no 429, one window after another, without giving up', async () => {
    const vt = new VirtualTime();
    const server = limitedServer(vt, { limit: 100, windowMs: 60_000, latencyMs: 20 });
    const events: ClientEvent[] = [];
    const c = virtualClient(vt, server.transport, 8, (e) => events.push(e));
    const results = await vt.run(Promise.all(Array.from({ length: 350 }, (_, i) => c.call('global', 'GET', `/v3/users/${i}/assigned-roles`))));
    expect(results).toHaveLength(350);
    expect(server.log.filter((r) => r.status === 429)).toEqual([]);
    // Four windows: three full (0-60 s, 60-120 s, 120-180 s) and half of the fourth.
    expect(vt.now).toBeGreaterThanOrEqual(180_000);
    expect(vt.now).toBeLessThan(182_000);
    expect(server.maxInFlight()).toBeLessThanOrEqual(8);
    const holds = events.filter((e) => e.type === 'hold');
    expect(holds).toHaveLength(3);
  });

  it('a 429 uses up no try, and a server that always says 429 still ends with a sentence', async () => {
    const vt = new VirtualTime();
    let sent = 0;
    const transport: Transport = async () => {
      sent++;
      return { status: 429, headers: { 'retry-after': '1' }, text: '{"message":"API rate limit exceeded"}' };
    };
    const c = new KonnectClient({
      addr: 'http://127.0.0.1:1/{region}', token: 't', transport, parallelism: 1, timeoutMs: 1000,
      retry: { maxTries: 2, baseDelayMs: 1, maxDelayMs: 1, deadlineMs: 1000, maxRateLimited: 5 },
      sleep: vt.sleep, now: vt.clock,
    });
    const err = (await vt.run(c.call('global', 'GET', '/v3/users').catch((e) => e))) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(sent).toBe(5); // more than maxTries: 429s are not tries
    expect(err.message).toMatch(/gave up after 5 answers of 429: Konnect kept rate-limiting this token/);
  });

  it('a pause that begins while a request is queued holds it when it leaves the queue', async () => {
    const vt = new VirtualTime();
    const sentAt: number[] = [];
    let n = 0;
    const transport: Transport = async () => {
      sentAt.push(vt.now);
      await vt.sleep(10);
      const headers: Record<string, string> = n === 0 ? { 'retry-after': '5' } : {};
      return { status: n++ === 0 ? 429 : 200, headers, text: '{}' };
    };
    const c = virtualClient(vt, transport, 1);
    await vt.run(Promise.all([c.call('global', 'GET', '/a'), c.call('global', 'GET', '/b')]));
    // /a is refused at 0 (answer at 10 ms, Retry-After 5 s); /b was queued before the pause began.
    expect(sentAt[0]).toBe(0);
    expect(Math.min(...sentAt.slice(1))).toBeGreaterThanOrEqual(5010);
  });

  it('the retry deadline does not count time spent queued behind other requests', async () => {
    const vt = new VirtualTime();
    const seen: string[] = [];
    const transport: Transport = async (req) => {
      const path = new URL(req.url).pathname;
      seen.push(path);
      await vt.sleep(path.endsWith('/slow') ? 200_000 : 10);
      const first = path.endsWith('/flaky') && seen.filter((p) => p === path).length === 1;
      return first ? { status: 503, headers: {}, text: '' } : { status: 200, headers: {}, text: '{}' };
    };
    const c = new KonnectClient({
      addr: 'http://127.0.0.1:1/{region}', token: 't', transport, parallelism: 1, timeoutMs: 1000,
      retry: { maxTries: 3, baseDelayMs: 100, maxDelayMs: 100, deadlineMs: 5_000 },
      sleep: vt.sleep, now: vt.clock, random: () => 1,
    });
    // /flaky waits 200 s in the queue behind /slow, then fails once: it is still retried.
    const [, flaky] = await vt.run(Promise.all([c.call('global', 'GET', '/slow'), c.call('global', 'GET', '/flaky')]));
    expect(flaky.tries).toBe(2);
  });
});
