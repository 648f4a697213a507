import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError, NotStartedError } from '../../src/errors.js';
import { KonnectClient } from '../../src/konnect/client.js';
import { backoffMs, DEFAULT_RETRY, serverDelayMs } from '../../src/konnect/retry.js';
import type { Transport, WireRequest, WireResponse } from '../../src/konnect/transport.js';

type Step = WireResponse | Error;

/** A transport that answers from a script and records what it was sent. */
function scripted(steps: Step[]) {
  const sent: WireRequest[] = [];
  const transport: Transport = async (req) => {
    sent.push(req);
    const step = steps.shift() ?? { status: 200, headers: {}, text: '{}' };
    if (step instanceof Error) throw step;
    return step;
  };
  return { sent, transport };
}

const problem = (status: number, detail = 'x', headers: Record<string, string> = {}): WireResponse => ({
  status,
  headers: { 'content-type': 'application/problem+json', ...headers },
  text: JSON.stringify({ status, title: 'T', detail, instance: 'konnect:trace:42' }),
});
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

function client(transport: Transport, sleeps: number[] = [], parallelism = 4) {
  let now = 0;
  return new KonnectClient({
    addr: 'http://127.0.0.1:1/{region}',
    token: 'kpat_SECRET',
    transport,
    parallelism,
    timeoutMs: 1000,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    now: () => now,
    random: () => 0.5,
  });
}

describe('KonnectClient', () => {
  it('sends the bearer token, the region host and bracketed query keys', async () => {
    const { sent, transport } = scripted([]);
    await client(transport).call('eu', 'GET', '/v2/control-planes', { query: { 'filter[name][eq]': 'prod us', 'page[size]': 100 } });
    expect(sent[0]!.url).toBe('http://127.0.0.1:1/eu/v2/control-planes?filter[name][eq]=prod%20us&page[size]=100');
    expect(sent[0]!.headers.authorization).toBe('Bearer kpat_SECRET');
  });

  it('retries 429 after Retry-After seconds, and 5xx and resets with backoff', async () => {
    const sleeps: number[] = [];
    const { sent, transport } = scripted([problem(429, 'Too many requests', { 'retry-after': '3' }), problem(503), reset()]);
    const res = await client(transport, sleeps).call('global', 'GET', '/v3/users');
    // The 429 was refused before it was processed: not one of the tries.
    expect(res.tries).toBe(3);
    expect(sent).toHaveLength(4);
    expect(sleeps[0]).toBe(3000);
    expect(sleeps.slice(1)).toEqual([backoffMs(DEFAULT_RETRY, 1, 0.5), backoffMs(DEFAULT_RETRY, 2, 0.5)]);
  });

  it('never retries 400, 401, 403, 404 or 409', async () => {
    for (const status of [400, 401, 403, 404, 409]) {
      const { sent, transport } = scripted([problem(status, 'nope')]);
      const err = await client(transport).call('global', 'DELETE', '/v3/teams/x').catch((e) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(sent).toHaveLength(1);
      expect((err as ApiError).summary).toBe(`${status} T: nope (konnect:trace:42)`);
    }
  });

  it('gives up after the bounded number of tries, saying so with the API detail and trace id', async () => {
    const { sent, transport } = scripted(Array.from({ length: 10 }, () => problem(503, 'Unavailable')));
    const err = (await client(transport).call('global', 'GET', '/v3/users').catch((e) => e)) as ApiError;
    expect(sent).toHaveLength(DEFAULT_RETRY.maxTries);
    expect(err.summary).toBe(`503 T: Unavailable (konnect:trace:42) — gave up after ${DEFAULT_RETRY.maxTries} tries`);
  });

  it('does not retry a non-idempotent POST blindly after an ambiguous failure', async () => {
    const { sent, transport } = scripted([reset()]);
    const err = await client(transport).call('global', 'POST', '/v3/invites', { body: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(sent).toHaveLength(1);
  });

  it('checks whether an ambiguous POST took effect before retrying it', async () => {
    const { sent, transport } = scripted([problem(502)]);
    const res = await client(transport).call('global', 'POST', '/v3/invites', { body: {}, tookEffect: async () => true });
    expect(res.confirmedAfterFailure).toBe(true);
    expect(sent).toHaveLength(1);
    const again = scripted([reset(), { status: 201, headers: {}, text: '' }]);
    const res2 = await client(again.transport).call('global', 'POST', '/v3/invites', { body: {}, tookEffect: async () => false });
    expect(res2.status).toBe(201);
    expect(again.sent).toHaveLength(2);
  });

  it('never puts the token in an error', async () => {
    const { transport } = scripted([problem(401, 'A valid token is required'), reset()]);
    const c = client(transport);
    const e1 = await c.call('global', 'GET', '/v3/users').catch((e) => e);
    expect(String(e1.message) + JSON.stringify(e1)).not.toContain('SECRET');
  });

  it('keeps at most `parallelism` requests in flight', async () => {
    let inFlight = 0;
    let max = 0;
    const transport: Transport = async () => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return { status: 200, headers: {}, text: '{}' };
    };
    const c = client(transport, [], 3);
    await Promise.all(Array.from({ length: 20 }, () => c.call('global', 'GET', '/v3/users')));
    expect(max).toBe(3);
  });

  it('once abandoned ends a rate-limit pause at once (its timer would keep the process alive)', async () => {
    const { sent, transport } = scripted([problem(429, 'slow down', { 'retry-after': '60' })]);
    // The real clock and sleep: a pause that did not end would outlast the test's timeout.
    const c = new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 'kpat_SECRET', transport, parallelism: 2, timeoutMs: 1000 });
    const held = c.call('global', 'GET', '/v3/users').catch((e) => e);
    await new Promise((r) => setTimeout(r, 20));
    const t0 = Date.now();
    c.abandon('the state file is not valid');
    const err = await held;
    // Well under the 60 s asked for: the pause ended. Not tighter, for a loaded machine's pauses.
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(String(err.message)).toMatch(/not retried: the state file is not valid/);
    expect(sent).toHaveLength(1);
  });

  it('once abandoned sends nothing more, reads or retries, from any view; what was sent finishes', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const sent: string[] = [];
    const transport: Transport = async (req) => {
      sent.push(req.url);
      if (sent.length === 1) await held;
      return { status: 200, headers: {}, text: '{"ok":1}' };
    };
    const c = client(transport);
    const first = c.call('global', 'GET', '/v3/users');
    await new Promise((r) => setImmediate(r));
    c.abandon('the state file is not valid');
    release();
    expect((await first).body).toEqual({ ok: 1 });
    const read = await c.call('global', 'GET', '/v3/teams').catch((e) => e);
    expect(read).toBeInstanceOf(ConnectionError);
    expect(read.message).toBe('GET /v3/teams was not sent: the state file is not valid.');
    const step = await c.tagged({ op: 'create', kind: 'user', key: 'x' }).call('global', 'POST', '/v3/users').catch((e) => e);
    expect(step).toBeInstanceOf(NotStartedError);
    expect(sent).toHaveLength(1);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or an HTTP date, then RateLimit-Reset', () => {
    expect(serverDelayMs({ 'retry-after': '7' }, 0)).toBe(7000);
    expect(serverDelayMs({ 'retry-after': new Date(60_000).toUTCString() }, 0)).toBe(60_000);
    expect(serverDelayMs({ 'ratelimit-reset': '12' }, 0)).toBe(12_000);
    expect(serverDelayMs({}, 0)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffMs(p, a, 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffMs(p, 3, 0)).toBe(200);
  });
});

describe('retry budget', () => {
  it('stops at the total deadline even with tries left', async () => {
    const sleeps: number[] = [];
    const { sent, transport } = scripted(Array.from({ length: 10 }, () => problem(503)));
    let now = 0;
    const c = new KonnectClient({
      addr: 'http://127.0.0.1:1/{region}', token: 't', transport, parallelism: 1, timeoutMs: 1000,
      retry: { maxTries: 10, baseDelayMs: 1000, maxDelayMs: 1000, deadlineMs: 2500 },
      sleep: async (ms) => { sleeps.push(ms); now += ms; }, now: () => now, random: () => 1,
    });
    const err = (await c.call('global', 'GET', '/v3/users').catch((e) => e)) as ApiError;
    expect(err.summary).toBe('503 T: x (konnect:trace:42) — gave up after 3 tries (retry deadline of 3s)');
    expect(sent).toHaveLength(3);
  });

  it('a 429 pauses every request of the client, tagged views included', async () => {
    const sleeps: number[] = [];
    const { transport } = scripted([problem(429, 'Too many requests', { 'retry-after': '5' })]);
    // The clock moves only when the 429 arrives: a request made "during" the pause must wait for it.
    let now = 0;
    const sleep = async (ms: number) => void sleeps.push(ms);
    const c = new KonnectClient({ addr: 'http://127.0.0.1:1/{region}', token: 't', transport, parallelism: 2, timeoutMs: 1000, sleep: async (ms) => { await sleep(ms); now += ms; }, now: () => now, random: () => 0.5 });
    await c.call('global', 'GET', '/v3/users');
    expect(sleeps).toEqual([5000]);
    now = 1000; // back inside the pause: the tagged view waits out the rest of it
    await c.tagged({ op: 'create', kind: 'user', key: 'x' }).call('global', 'GET', '/v3/teams');
    expect(sleeps).toEqual([5000, 4000]);
  });
});
