import { describe, expect, it } from 'vitest';
import { FaultInjector, mulberry32 } from '../../src/local-org/http/faults.js';
import type { ContractClient } from '../support/contract.js';
import { sampleSeed, startOrg } from '../support/local-org.js';

/** Status of each call, or 'reset' when the connection was cut. */
async function statuses(api: ContractClient, calls: [string, string, unknown?][]): Promise<(number | 'reset')[]> {
  const out: (number | 'reset')[] = [];
  for (const [method, path, body] of calls) {
    try {
      out.push((await api.call(method, path, { body })).status);
    } catch (err) {
      if (!(err instanceof TypeError)) throw err; // contract violations must fail the test
      out.push('reset');
    }
  }
  return out;
}

describe('latency and concurrency', () => {
  it('adds latencyMs to every response and tracks the most requests in flight', async () => {
    // All six are in flight at once only if the last arrives before the first is answered: the
    // latency is long enough that a loaded machine's pauses between them do not take it up.
    const latencyMs = 500;
    const { api, org } = await startOrg({ latencyMs });
    const started = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => api.get('/global/v3/users')));
    expect(performance.now() - started).toBeGreaterThanOrEqual(latencyMs - 5);
    expect(org.stats()).toEqual({ maxInFlight: 6, requests: 6 });
    expect(org.requestLog().every((e) => e.ms >= latencyMs - 5)).toBe(true);
  });
});

describe('rate limit', () => {
  it('429s beyond the limit per window with Kong plugin headers and body', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { api } = await startOrg({ rateLimit: 3, rateLimitWindowMs: 10_000, now: () => new Date(now) });
    const first = await api.get('/global/v3/users');
    expect(first.headers.get('ratelimit-limit')).toBe('3');
    expect(first.headers.get('ratelimit-remaining')).toBe('2');
    expect(first.headers.get('x-ratelimit-limit-minute')).toBe('3');
    expect(first.headers.get('x-ratelimit-remaining-minute')).toBe('2');
    await api.get('/global/v3/teams');
    now += 4_000;
    await api.get('/us/v2/control-planes');
    const limited = await api.get('/global/v3/users');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/json');
    expect(limited.body).toEqual({ message: 'API rate limit exceeded' });
    expect(limited.headers.get('retry-after')).toBe('6');
    expect(limited.headers.get('ratelimit-reset')).toBe('6');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-remaining-minute')).toBe('0');

    const invite = await api.post('/global/v3/invites', { email: 'x@example.com' });
    expect(invite.status).toBe(429);
    expect(invite.headers.get('content-type')).toBe('application/problem+json');
    expect(invite.body).toMatchObject({ status: 429, title: 'Rate Limited', detail: 'Too many requests' });
    expect(invite.headers.get('retry-after')).toBe('6');

    expect((await api.get('/_local/requests')).status).toBe(200);
    now += 6_000;
    const again = await api.get('/global/v3/users');
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit-remaining')).toBe('2');
  });

  it('does not count requests without a valid token', async () => {
    const { api } = await startOrg({ rateLimit: 1 });
    expect((await api.get('/global/v3/users', { token: 'bad' })).status).toBe(401);
    expect((await api.get('/global/v3/users')).status).toBe(200);
  });
});

describe('fault injection', () => {
  const reads: [string, string][] = Array.from({ length: 40 }, (_, i) => ['GET', i % 2 ? '/global/v3/teams' : '/global/v3/users']);

  it('is reproducible: the same seed and requests give the same faults', async () => {
    const a = await statuses((await startOrg({ failRate: 0.5, faultSeed: 42 })).api, reads);
    const b = await statuses((await startOrg({ failRate: 0.5, faultSeed: 42 })).api, reads);
    const c = await statuses((await startOrg({ failRate: 0.5, faultSeed: 7 })).api, reads);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 500, 502, 503, 'reset']));
  });

  it('on writes, about half the failures happen after the write took effect', async () => {
    const { api, org } = await startOrg({ failRate: 1, faultSeed: 3 });
    const writes: [string, string, unknown][] = Array.from({ length: 40 }, (_, i) => ['POST', '/global/v3/teams', { name: `t${i}` }]);
    const result = await statuses(api, writes);
    expect(result.every((s) => s !== 201)).toBe(true);
    const created = org.snapshot().teams.filter((t) => !t.system_team).length;
    expect(created).toBeGreaterThan(8);
    expect(created).toBeLessThan(32);
    expect((await api.get('/_local/requests')).status).toBe(200);
    const log = org.requestLog();
    expect(log).toHaveLength(40);
    expect(log.filter((e) => e.status === 0).length).toBe(result.filter((s) => s === 'reset').length);
  });

  it('an injected 5xx carries the rate-limit headers, and Retry-After too with retryAfterOnFaults', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const opts = { rateLimit: 100, rateLimitWindowMs: 60_000, failRate: 1, now: () => new Date(now) };
    // Seeds whose first request draws a 5xx, not a cut connection.
    const first5xx = async (extra: object) => {
      for (let faultSeed = 1; ; faultSeed++) {
        const { api } = await startOrg({ ...opts, ...extra, faultSeed });
        const res = await api.get('/global/v3/users').catch(() => undefined);
        if (res && res.status >= 500) return res;
      }
    };
    const plain = await first5xx({});
    expect(plain.headers.get('ratelimit-reset')).toBe('60');
    expect(plain.headers.get('ratelimit-remaining')).toBe('99');
    expect(plain.headers.get('retry-after')).toBeNull();
    const stamped = await first5xx({ retryAfterOnFaults: true });
    expect(stamped.headers.get('ratelimit-reset')).toBe('60');
    expect(stamped.headers.get('retry-after')).toBe('60');
  });

  it('draws three numbers per request from a mulberry32 stream', () => {
    const stream = mulberry32(99);
    const first = [stream(), stream(), stream()];
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect([mulberry32(99)(), mulberry32(99)()]).toEqual([first[0], first[0]]);
    const never = new FaultInjector(0, 1);
    const always = new FaultInjector(1, 1);
    expect(Array.from({ length: 50 }, () => never.next(true))).toEqual(Array(50).fill(undefined));
    const faults = Array.from({ length: 200 }, () => always.next(false)!);
    expect(faults.every((f) => !f.afterWrite)).toBe(true);
  });
});

describe('request log', () => {
  it('records method, path with query, status, time and ms — never the token', async () => {
    const { api, org } = await startOrg({ seed: sampleSeed(), token: 'kpat_TOPSECRET123' });
    await api.get('/global/v3/users?filter[active]=false&page[size]=5');
    await api.post('/global/v3/invites', { email: 'new@example.com' });
    await api.get('/global/v3/users', { token: 'kpat_wrong' });
    const log = org.requestLog();
    expect(log.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'GET', path: '/global/v3/users?filter[active]=false&page[size]=5', status: 200 },
      { method: 'POST', path: '/global/v3/invites', status: 201 },
      { method: 'GET', path: '/global/v3/users', status: 401 },
    ]);
    expect(log.every((e) => !Number.isNaN(Date.parse(e.time)) && e.ms >= 0)).toBe(true);
    const served = await api.get('/_local/requests');
    expect(served.body.data).toEqual(log);
    // Counts for benchmarks: every request by status, /_local/ itself not counted.
    // and when the first request arrived and the last answer left, for the benchmark's phases.
    const stats = (await api.get('/_local/stats')).body;
    expect(stats).toMatchObject({ requests: 3, by_status: { '200': 1, '201': 1, '401': 1 } });
    expect(Date.parse(stats.first_request_at)).toBe(Math.min(...log.map((e) => Date.parse(e.time))));
    expect(Date.parse(stats.last_answer_at)).toBe(Math.max(...log.map((e) => Date.parse(e.time) + e.ms)));
    expect(JSON.stringify(served.body)).not.toContain('TOPSECRET');
    expect(JSON.stringify(log)).not.toContain('TOPSECRET');
    org.clearRequestLog();
    expect(org.requestLog()).toEqual([]);
  });
});
