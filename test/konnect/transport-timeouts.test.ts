/**
 * The transport's whole-exchange time limit at each stage an answer can stall in: no answer at all,
 * headers and then nothing, a queue of requests behind busy connections. Each failure is an Error
 * read as "the request timed out", and no exchange leaves a timer behind.
 */
import { describe, expect, it } from 'vitest';
import { networkReason, undiciTransport } from '../../src/konnect/transport.js';
import { head, later, startRawServer, timers } from '../support/raw-server.js';

const get = (url: string, timeoutMs: number) => ({ method: 'GET', url, headers: {}, timeoutMs });

describe('an exchange past its time limit', () => {
  it.each([
    ['a server that never answers', () => {}],
    ['a server that sends the headers, then nothing', (socket: import('node:net').Socket) => socket.write(head('200 OK', [['Content-Length', 10]]))],
    ['a server that sends a 1xx, then nothing', (socket: import('node:net').Socket) => socket.write(head('102 Processing'))],
  ])('%s: an Error read as a timeout, at the limit, no timer left behind', async (_, answer) => {
    const server = await startRawServer(answer);
    const before = timers();
    const t0 = Date.now();
    const err = await undiciTransport(1)(get(`${server.url}/`, 200)).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(Error);
    expect(networkReason(err)).toBe('the request timed out');
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('requests queued behind busy connections each time out at their own limit, and the connections stay usable', async () => {
    let holding = true;
    const server = await startRawServer((socket, req) => {
      const send = () => socket.write(`${head('200 OK', [['Content-Length', req.path.length]])}${req.path}`);
      if (req.path.startsWith('/busy') && holding) setTimeout(send, 600);
      else send();
    });
    const transport = undiciTransport(2);
    const busy = [transport(get(`${server.url}/busy1`, 5_000)), transport(get(`${server.url}/busy2`, 5_000))];
    const t0 = Date.now();
    const queued = await Promise.all([1, 2, 3].map((n) => transport(get(`${server.url}/queued${n}`, 200)).catch((e: unknown) => e)));
    expect(Date.now() - t0).toBeLessThan(550);
    for (const err of queued) expect(networkReason(err)).toBe('the request timed out');
    expect((await Promise.all(busy)).map((r) => r.text)).toEqual(['/busy1', '/busy2']);
    holding = false;
    await later(50);
    expect((await transport(get(`${server.url}/after`, 5_000))).text).toBe('/after');
    // None of the queued requests was ever sent.
    expect(server.requests.map((r) => r.path).filter((p) => p.startsWith('/queued'))).toEqual([]);
  });

  it('a thousand exchanges that succeed leave no timer behind', async () => {
    const server = await startRawServer((socket) => socket.write(`${head('200 OK', [['Content-Length', 2]])}{}`));
    const transport = undiciTransport(4);
    const before = timers();
    await Promise.all(Array.from({ length: 1000 }, () => transport(get(`${server.url}/`, 60_000))));
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
