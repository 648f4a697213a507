/**
 * The transport through a proxy (EnvHttpProxyAgent), exchange by exchange: a forward request
 * carries its method and JSON body and gets its answer whole, the size cap and the time limit hold
 * through the proxy, and a proxy refusing the CONNECT tunnel is an Error read as such, with no
 * timer left behind. (test/konnect/proxy.test.ts covers which variables route what.)
 */
import { describe, expect, it } from 'vitest';
import { MAX_RESPONSE_BYTES, networkReason, undiciTransport } from '../../src/konnect/transport.js';
import { startHttpProxy } from '../support/http-proxy.js';
import { head, startRawServer, timers } from '../support/raw-server.js';

describe('an exchange through a proxy', () => {
  it('an http:// PATCH is a forward request with its JSON body, and its answer is read whole', async () => {
    const proxy = await startHttpProxy();
    const text = JSON.stringify({ name: 'Équipe ✓' });
    const server = await startRawServer((socket) => socket.write(`${head('200 OK', [['Content-Length', Buffer.byteLength(text)], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']])}${text}`));
    const res = await undiciTransport(1, { HTTP_PROXY: proxy.url })({ method: 'PATCH', url: `${server.url}/v3/teams/t1`, headers: { 'content-type': 'application/json' }, body: text, timeoutMs: 5_000 });
    expect(res).toMatchObject({ status: 200, text, headers: { 'set-cookie': 'a=1, b=2' } });
    expect(proxy.seen).toEqual([`PATCH ${server.url}/v3/teams/t1`]);
    expect(server.requests[0]).toMatchObject({ method: 'PATCH', body: text });
  });

  it('an answer over MAX_RESPONSE_BYTES through it is tooLarge, and the next exchange still goes through', async () => {
    const proxy = await startHttpProxy();
    const server = await startRawServer((socket, req) => {
      if (req.path === '/small') return void socket.write(`${head('200 OK', [['Content-Length', 2]])}{}`);
      socket.write(head('200 OK', [['Content-Length', MAX_RESPONSE_BYTES + 1]]));
      socket.write(Buffer.alloc(MAX_RESPONSE_BYTES + 1, 0x20));
    });
    const transport = undiciTransport(1, { HTTP_PROXY: proxy.url });
    expect(await transport({ method: 'GET', url: `${server.url}/big`, headers: {}, timeoutMs: 10_000 })).toMatchObject({ tooLarge: true, text: '' });
    expect(await transport({ method: 'GET', url: `${server.url}/small`, headers: {}, timeoutMs: 10_000 })).toMatchObject({ status: 200, text: '{}' });
  });

  it('a target that never answers times out through it', async () => {
    const proxy = await startHttpProxy();
    const server = await startRawServer(() => {});
    const before = timers();
    const err = await undiciTransport(1, { HTTP_PROXY: proxy.url })({ method: 'GET', url: `${server.url}/`, headers: {}, timeoutMs: 200 }).catch((e: unknown) => e);
    expect(networkReason(err)).toBe('the request timed out');
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('a refused CONNECT tunnel is an Error naming the proxy’s answer, and leaves no timer behind', async () => {
    const proxy = await startHttpProxy({ tunnels: false });
    const before = timers();
    const err = await undiciTransport(1, { HTTPS_PROXY: proxy.url })({ method: 'GET', url: 'https://konnect.test/v3/users', headers: {}, timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(networkReason(err)).toBe('the proxy answered 403 instead of opening a tunnel (check HTTPS_PROXY and NO_PROXY)');
    expect(timers()).toBeLessThanOrEqual(before);
    expect(proxy.seen).toEqual(['CONNECT konnect.test:443']);
  });
});
