/**
 * What the transport's dispatch handler makes of answers as they arrive on the wire: the final
 * status after a 1xx, repeated headers and their names' case, an empty or absent body, a body cut
 * inside a UTF-8 character, each method with its JSON body, and answers cut off part way.
 */
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { networkReason, undiciTransport } from '../../src/konnect/transport.js';
import { closeRawServers, head, later, startRawServer, timers } from '../support/raw-server.js';

const get = (url: string) => ({ method: 'GET', url, headers: {}, timeoutMs: 5_000 });

describe('an answer as the transport reads it', () => {
  it('a 1xx informational answer is passed over: the status and headers are the final answer’s', async () => {
    const server = await startRawServer((socket) => {
      socket.write(head('103 Early Hints', [['Link', '</a.css>; rel=preload']]));
      setTimeout(() => socket.write(`${head('200 OK', [['Content-Length', 2], ['X-Final', 'yes']])}{}`), 20);
    });
    const res = await undiciTransport(1)(get(`${server.url}/`));
    expect(res).toEqual({ status: 200, headers: { 'content-length': '2', 'x-final': 'yes' }, text: '{}' });
  });

  it('repeated headers are joined with ", " and every name is lower case', async () => {
    const server = await startRawServer((socket) => {
      socket.write(`${head('200 OK', [['Set-Cookie', 'a=1'], ['set-cookie', 'b=2'], ['X-RateLimit-Remaining', 7], ['RETRY-AFTER', 3], ['Content-Length', 0]])}`);
    });
    const res = await undiciTransport(1)(get(`${server.url}/`));
    expect(res.headers).toEqual({ 'set-cookie': 'a=1, b=2', 'x-ratelimit-remaining': '7', 'retry-after': '3', 'content-length': '0' });
  });

  it.each([
    ['an empty body', head('200 OK', [['Content-Length', 0]]), 200],
    ['a 204', head('204 No Content'), 204],
  ])('%s is the empty text, and the connection is kept for the next request', async (_, answer, status) => {
    const server = await startRawServer((socket, req) => socket.write(req.path === '/next' ? `${head('200 OK', [['Content-Length', 4]])}next` : answer));
    const transport = undiciTransport(1);
    expect(await transport(get(`${server.url}/`))).toMatchObject({ status, text: '' });
    expect(await transport(get(`${server.url}/next`))).toMatchObject({ status: 200, text: 'next' });
    expect(server.accepted()).toBe(1);
  });

  it('a body split inside multi-byte characters, across many chunks, decodes whole', async () => {
    const text = JSON.stringify({ full_name: 'Zoë Ångström 山田太郎 🦍' });
    const bytes = Buffer.from(text, 'utf8');
    const server = await startRawServer(async (socket) => {
      socket.write(head('200 OK', [['Content-Length', bytes.length]]));
      // One byte at a time, each in its own packet: every character of more than one byte is cut.
      for (const byte of bytes) {
        socket.write(Buffer.of(byte));
        await later(1);
      }
    });
    expect((await undiciTransport(1)(get(`${server.url}/`))).text).toBe(text);
  });

  it('a chunked body decodes whole too', async () => {
    const server = await startRawServer((socket) => {
      socket.write(head('200 OK', [['Transfer-Encoding', 'chunked']]));
      const e = Buffer.from('é', 'utf8');
      socket.write(`1\r\n"\r\n1\r\n${e.subarray(0, 1).toString('latin1')}\r\n`, 'latin1');
      setTimeout(() => socket.write(`2\r\n${Buffer.concat([e.subarray(1), Buffer.from('"')]).toString('latin1')}\r\n0\r\n\r\n`, 'latin1'), 10);
    });
    expect((await undiciTransport(1)(get(`${server.url}/`))).text).toBe('"é"');
  });

  it.each(['POST', 'PATCH', 'PUT', 'DELETE'])('%s sends its JSON body with its length in bytes', async (method) => {
    const server = await startRawServer((socket) => socket.write(head('204 No Content')));
    const body = JSON.stringify({ name: 'Équipe ✓' });
    const res = await undiciTransport(1)({ method, url: `${server.url}/v3/teams/x?y=1`, headers: { 'content-type': 'application/json' }, body, timeoutMs: 5_000 });
    expect(res.status).toBe(204);
    expect(server.requests[0]).toMatchObject({ method, path: '/v3/teams/x?y=1', body, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } });
  });

  it('HEAD reads no body even when content-length announces one', async () => {
    const server = await startRawServer((socket, req) => socket.write(req.method === 'HEAD' ? head('200 OK', [['Content-Length', 1234]]) : `${head('200 OK', [['Content-Length', 2]])}ok`));
    const transport = undiciTransport(1);
    expect(await transport({ ...get(`${server.url}/`), method: 'HEAD' })).toMatchObject({ status: 200, text: '', headers: { 'content-length': '1234' } });
    expect(await transport(get(`${server.url}/`))).toMatchObject({ text: 'ok' });
  });
});

describe('an exchange that fails', () => {
  const answering = (answer: (socket: Socket) => void) => async () => (await startRawServer(answer)).url;
  it.each([
    ['reset in the middle of the body', answering((socket) => socket.write(`${head('200 OK', [['Content-Length', 100]])}{"data":[`, () => socket.resetAndDestroy())), 'the connection was reset'],
    ['closed after the headers', answering((socket) => socket.end(head('200 OK', [['Content-Length', 100]]))), 'the connection was reset'],
    ['closed before any answer', answering((socket) => socket.end()), 'the connection was reset'],
    ['an answer that is not HTTP', answering((socket) => socket.write('HTTP/1.1 2OO OK\r\n\r\n')), 'the answer was not valid HTTP'],
    [
      'a refused connection',
      async () => {
        const { url } = await startRawServer(() => {});
        await closeRawServers();
        return url;
      },
      'the connection was refused',
    ],
  ])('%s: an Error read as such, and no timer left behind', async (_, start, reason) => {
    const url = await start();
    const before = timers();
    const err = await undiciTransport(1)({ ...get(`${url}/`), timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(networkReason(err)).toBe(reason);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('an address that is not a URL is a rejected promise, as any failed exchange, not a throw', async () => {
    const before = timers();
    let answer: Promise<unknown> | undefined;
    expect(() => (answer = undiciTransport(1)({ ...get('not a url'), timeoutMs: 60_000 }))).not.toThrow();
    const err = await answer!.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(networkReason(err)).toBe('network error ERR_INVALID_URL');
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
