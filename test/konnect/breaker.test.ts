/** The circuit breaker counts attempts and reads an injected clock: no test here waits. */
import { describe, expect, it } from 'vitest';
import { Breaker } from '../../src/konnect/breaker.js';

const refused = { method: 'GET', path: '/v3/users', error: 'the connection was refused' };
const answered = (status: number) => ({ method: 'GET', path: '/v3/users', status });

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('Breaker', () => {
  it('opens on the K-th failure in a row across requests, not before', () => {
    const b = new Breaker({ failuresInARow: 5, quietMs: 30_000 }, clock().now);
    for (let i = 0; i < 4; i++) b.record(refused);
    expect(b.open).toBeUndefined();
    b.record({ method: 'POST', path: '/v3/invites', status: 503 });
    expect(b.open).toBe('5 requests in a row failed (the last: POST /v3/invites: status 503)');
  });

  it('starts counting again after any answer that is not a 5xx: a 4xx or a 429 means Konnect is there', () => {
    const b = new Breaker({ failuresInARow: 3, quietMs: 30_000 }, clock().now);
    for (const status of [200, 404, 429, 409]) {
      b.record(refused);
      b.record(refused);
      b.record(answered(status));
    }
    expect(b.open).toBeUndefined();
    b.record(refused);
    b.record(refused);
    b.record(refused);
    expect(b.open).toMatch(/^3 requests in a row failed \(the last: GET \/v3\/users: the connection was refused\)$/);
  });

  it('opens after failures and no answer for the quiet window (slow failures: timeouts), at its boundary', () => {
    const c = clock();
    const b = new Breaker({ failuresInARow: 100, quietMs: 30_000 }, c.now);
    b.record(answered(200));
    b.record({ method: 'GET', path: '/v3/teams', error: 'the request timed out' });
    c.advance(29_999);
    b.record({ method: 'GET', path: '/v3/teams', error: 'the request timed out' });
    expect(b.open).toBeUndefined();
    c.advance(1);
    b.record({ method: 'GET', path: '/v3/teams', error: 'the request timed out' });
    expect(b.open).toBe('no answer for 30 s (the last failure: GET /v3/teams: the request timed out)');
  });

  it('does not open on a single failure after a long quiet stretch (one slow request is not an outage)', () => {
    const c = clock();
    const b = new Breaker({ failuresInARow: 100, quietMs: 30_000 }, c.now);
    c.advance(60_000);
    b.record(refused);
    expect(b.open).toBeUndefined();
  });

  it('counts silence from the end of a rate-limit hold: a pause Konnect asked for is not silence', () => {
    const c = clock();
    const b = new Breaker({ failuresInARow: 100, quietMs: 30_000 }, c.now);
    b.record(answered(200));
    b.held(c.now() + 60_000);
    c.advance(60_000);
    b.record(answered(503));
    c.advance(29_999);
    b.record(answered(503));
    expect(b.open).toBeUndefined();
    c.advance(1);
    b.record(answered(503));
    expect(b.open).toBe('no answer for 30 s (the last failure: GET /v3/users: status 503)');
  });

  it('stays open once open', () => {
    const b = new Breaker({ failuresInARow: 1, quietMs: 30_000 }, clock().now);
    b.record(refused);
    b.record(answered(200));
    expect(b.open).toMatch(/^1 request in a row failed/);
  });
});
