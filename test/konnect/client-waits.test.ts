/**
 * The client's waits: no listener piles up per retry (MaxListenersExceededWarning), a 5xx backs
 * off as a fault whatever rate-limit headers it carries, and a wait Konnect asks for that is
 * longer than --max-wait stops the client at once, sending nothing more (issue 25, items 3, 4, 12e).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, ConnectionError, NotStartedError } from '../../src/errors.js';
import { Breaker } from '../../src/konnect/breaker.js';
import { KonnectClient } from '../../src/konnect/client.js';
import { backoffMs, DEFAULT_RETRY } from '../../src/konnect/retry.js';
import type { Transport, WireRequest, WireResponse } from '../../src/konnect/transport.js';
import { VirtualTime } from '../support/virtual-time.js';

const problem = (status: number, headers: Record<string, string> = {}): WireResponse => ({
  status,
  headers: { 'content-type': 'application/problem+json', ...headers },
  text: JSON.stringify({ status, title: 'T', detail: 'x', instance: 'konnect:trace:42' }),
});
const ok: WireResponse = { status: 200, headers: {}, text: '{}' };

describe('waiting under retries', () => {
  const warnings: Error[] = [];
  const listen = (w: Error) => warnings.push(w);
  beforeEach(() => {
    warnings.length = 0;
    process.on('warning', listen);
  });
  afterEach(() => {
    process.off('warning', listen);
  });

  it('adds no listener per retry: 40 requests backing off at once raise no MaxListenersExceededWarning', async () => {
    const seen = new Map<string, number>();
    const transport: Transport = async (req) => {
      const n = (seen.get(req.url) ?? 0) + 1;
      seen.set(req.url, n);
      return n < 3 ? problem(503) : ok;
    };
    const c = new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 't', transport, parallelism: 40, timeoutMs: 1000, retry: { maxTries: 4, baseDelayMs: 20, maxDelayMs: 40, deadlineMs: 10_000 }, breaker: new Breaker({ failuresInARow: 1000, quietMs: 60_000 }) });
    await Promise.all(Array.from({ length: 40 }, (_, i) => c.call('global', 'GET', `/v3/users/${i}`)));
    // Warnings are emitted on the next tick.
    await new Promise((r) => setImmediate(r));
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  });
});

/** A scripted transport on virtual time: answers in order, then 200s; records what was sent. */
function scriptedOn(vt: VirtualTime, steps: WireResponse[]) {
  const sent: WireRequest[] = [];
  const transport: Transport = async (req) => {
    sent.push(req);
    return steps.shift() ?? ok;
  };
  const sleeps: number[] = [];
  const sleep = (ms: number) => {
    sleeps.push(ms);
    return vt.sleep(ms);
  };
  return { sent, sleeps, options: { addr: 'http://127.0.0.1:1/{region}', token: 't', transport, parallelism: 4, timeoutMs: 1000, sleep, now: vt.clock, random: () => 0.5 } };
}

describe('a 5xx among rate-limit headers (issue 25, item 3)', () => {
  it('backs off as a fault, short and jittered, not for the window its Retry-After and RateLimit-Reset name', async () => {
    const vt = new VirtualTime();
    const window = { 'retry-after': '60', 'ratelimit-reset': '60', 'ratelimit-remaining': '500' };
    const { sent, sleeps, options } = scriptedOn(vt, [problem(503, window), problem(502, window), problem(500, window)]);
    const res = await vt.run(new KonnectClient(options).call('global', 'GET', '/v3/users'));
    // Three faults within the 120 s deadline: before, each waited 60 s and the second gave up.
    expect(res.tries).toBe(4);
    expect(sent).toHaveLength(4);
    expect(sleeps).toEqual([1, 2, 3].map((a) => backoffMs(DEFAULT_RETRY, a, 0.5)));
    expect(vt.now).toBeLessThan(5_000);
  });

  it('a pause for the rate limit is not silence: two 5xx right after a 60 s hold do not open the breaker', async () => {
    const vt = new VirtualTime();
    const spent = { status: 200, headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': '60' }, text: '{}' };
    const { sent, options } = scriptedOn(vt, [spent, problem(503), problem(503)]);
    const breaker = new Breaker(undefined, vt.clock);
    const c = new KonnectClient({ ...options, breaker });
    await vt.run(c.call('global', 'GET', '/v3/users'));
    // Held 60 s for the window (quiet for 30 s would open the breaker), then two faults, then an answer.
    const res = await vt.run(c.call('global', 'GET', '/v3/teams'));
    expect(res.tries).toBe(3);
    expect(sent).toHaveLength(4);
    expect(vt.now).toBeGreaterThanOrEqual(60_000);
    expect(breaker.open).toBeUndefined();
  });
});

describe('--max-wait (issue 25, item 4)', () => {
  const tooLong: [string, Record<string, string>, RegExp][] = [
    ['Retry-After: 3600', { 'retry-after': '3600' }, /Konnect asked to wait 3600 s \(Retry-After\) before the next request, longer than --max-wait allows \(300 s\)/],
    ['Retry-After of 2^31 ms', { 'retry-after': String(2 ** 31 / 1000) }, /wait 2147484 s \(Retry-After\)/],
    ['RateLimit-Reset of 2^31 ms', { 'ratelimit-reset': String(Math.ceil(2 ** 31 / 1000)) }, /wait 2147484 s \(RateLimit-Reset\)/],
    ['a Retry-After no clock can hold', { 'retry-after': '9'.repeat(400) }, /wait longer than any clock can count \(Retry-After\)/],
  ];
  for (const [name, headers, sentence] of tooLong) {
    it(`a 429 with ${name} stops the client at once: nothing more is sent, and every request says why`, async () => {
      const vt = new VirtualTime();
      const { sent, sleeps, options } = scriptedOn(vt, [problem(429, headers)]);
      const c = new KonnectClient(options);
      const first = await vt.run(c.call('global', 'GET', '/v3/users').catch((e: unknown) => e));
      expect(first).toBeInstanceOf(ApiError);
      expect((first as Error).message).toMatch(sentence);
      expect((first as Error).message).toMatch(/\. Wait that long, or raise --max-wait to let orgdeck wait\.$/);
      // A read and a plan step that come later: neither is sent.
      const read = await vt.run(c.call('global', 'GET', '/v3/teams').catch((e: unknown) => e));
      expect(read).toBeInstanceOf(ConnectionError);
      expect((read as Error).message).toMatch(/^GET \/v3\/teams was not sent: Konnect asked to wait/);
      const step = await vt.run(c.tagged({ op: 'create', kind: 'team', key: 'x' }).call('global', 'POST', '/v3/teams', { body: {} }).catch((e: unknown) => e));
      expect(step).toBeInstanceOf(NotStartedError);
      expect(sent).toHaveLength(1);
      expect(sleeps).toEqual([]);
      expect(vt.now).toBe(0);
      expect(c.halted?.reason).toMatch(sentence);
    });
  }

  it('a wait up to --max-wait is waited; the same wait over a lower --max-wait is not', async () => {
    const vt = new VirtualTime();
    const { sent, sleeps, options } = scriptedOn(vt, [problem(429, { 'retry-after': '290' })]);
    await vt.run(new KonnectClient(options).call('global', 'GET', '/v3/users'));
    expect(sleeps).toEqual([290_000]);
    expect(sent).toHaveLength(2);

    const vt2 = new VirtualTime();
    const low = scriptedOn(vt2, [problem(429, { 'retry-after': '290' })]);
    const err = await vt2.run(new KonnectClient({ ...low.options, maxWaitMs: 60_000 }).call('global', 'GET', '/v3/users').catch((e: unknown) => e));
    expect((err as Error).message).toMatch(/wait 290 s \(Retry-After\) before the next request, longer than --max-wait allows \(60 s\)/);
    expect(low.sent).toHaveLength(1);
  });

  it('requests waiting out a pause when another asks for too long a wait stop too, at once', async () => {
    const vt = new VirtualTime();
    const spent = { status: 200, headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': '60' }, text: '{}' };
    const { sent, options } = scriptedOn(vt, [spent, problem(429, { 'retry-after': '7200' })]);
    const c = new KonnectClient(options);
    await vt.run(c.call('global', 'GET', '/v3/users'));
    // Both wait out the 60 s window; the first sent after it meets a 429 asking for two hours.
    const both = Promise.all([c.call('global', 'GET', '/v3/teams').catch((e: unknown) => e), c.call('global', 'GET', '/v3/roles').catch((e: unknown) => e)]);
    const errs = (await vt.run(both)) as Error[];
    expect(errs.every((e) => /Konnect asked to wait 7200 s \(Retry-After\)/.test(e.message))).toBe(true);
    expect(sent.length).toBeLessThanOrEqual(3);
    expect(vt.now).toBe(60_000);
  });
});
