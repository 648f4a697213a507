/**
 * An answer past MAX_RESPONSE_BYTES is dropped unread (`tooLarge`) and its connection closed,
 * however the body is framed; and a connection whose exchange was cut off (too large, too slow)
 * is never used again, so the next request cannot read what was left of the last one.
 */
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_RESPONSE_BYTES, networkReason, undiciTransport } from '../../src/konnect/transport.js';
import { head, type RawRequest, startRawServer, timers } from '../support/raw-server.js';

const get = (url: string, timeoutMs = 10_000) => ({ method: 'GET', url, headers: {}, timeoutMs });
const small = `${head('200 OK', [['Content-Length', 7]])}{"n":1}`;

/** Writes `bytes` of body in 1 MB writes, stopping when the client goes away. */
async function pour(socket: Socket, bytes: number, frame: (b: Buffer) => Buffer | string = (b) => b): Promise<void> {
  const mb = Buffer.alloc(1024 * 1024, 0x20);
  for (let left = bytes; left > 0 && !socket.destroyed; left -= mb.length) {
    if (!socket.write(frame(left >= mb.length ? mb : mb.subarray(0, left)))) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
  }
}

const chunked = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);

describe('an answer over MAX_RESPONSE_BYTES', () => {
  it.each([
    ['with a content-length', [['Content-Length', MAX_RESPONSE_BYTES + 1]], undefined],
    ['with a content-length and Connection: close', [['Content-Length', MAX_RESPONSE_BYTES + 1], ['Connection', 'close']], undefined],
    ['chunked', [['Transfer-Encoding', 'chunked']], chunked],
    ['read until the connection closes', [['Connection', 'close']], undefined],
  ] as const)('%s: tooLarge, its connection closed, and the next request gets its own answer', async (_, headers, frame) => {
    const server = await startRawServer(async (socket, req) => {
      if (req.path !== '/big') return void socket.write(small);
      socket.write(head('200 OK', headers as unknown as [string, string][]));
      await pour(socket, MAX_RESPONSE_BYTES + 1, frame);
      if (frame) socket.write('0\r\n\r\n');
      if (headers.some(([k]) => k === 'Connection')) socket.end();
    });
    const transport = undiciTransport(1);
    const before = timers();
    const res = await transport(get(`${server.url}/big`));
    expect(res).toMatchObject({ status: 200, text: '', tooLarge: true });
    expect(timers()).toBeLessThanOrEqual(before);
    expect(await transport(get(`${server.url}/small`))).toMatchObject({ status: 200, text: '{"n":1}' });
    expect(server.requests.map((r) => r.path)).toEqual(['/big', '/small']);
    expect(server.requests[1]!.connection).not.toBe(1);
  });

  it('a body of exactly MAX_RESPONSE_BYTES is read', async () => {
    const server = await startRawServer(async (socket) => {
      socket.write(head('200 OK', [['Content-Length', MAX_RESPONSE_BYTES]]));
      await pour(socket, MAX_RESPONSE_BYTES);
    });
    const res = await undiciTransport(1)(get(`${server.url}/`));
    expect(res.tooLarge).toBeUndefined();
    expect(res.text).toHaveLength(MAX_RESPONSE_BYTES);
  });
});

/**
 * Writes `first`, then `drip` every 40 ms for 4 s: no idle timeout of undici fires, only the
 * exchange's time limit can free the connection before the next request's own limit.
 */
function dripping(socket: Socket, first: string, drip: string): void {
  socket.write(first);
  let left = 100;
  const timer = setInterval(() => (--left < 0 || socket.destroyed ? clearInterval(timer) : socket.write(drip)), 40);
}

describe('a connection whose exchange was cut off', () => {
  it.each([
    ['mid-body', `${head('200 OK', [['Content-Length', 1000]])}{"first":`, ' ', `"leftover"}`],
    ['before the headers (1xx after 1xx)', '', head('102 Processing'), `${head('200 OK', [['Content-Length', 9]])}{"old":1}`],
  ])('is closed after a timeout %s: the next request on the transport reads only its own answer', async (_, first, drip, rest) => {
    let slow: RawRequest | undefined;
    const server = await startRawServer((socket, req) => {
      if (req.path !== '/slow') return void socket.write(req.connection === slow?.connection ? `${rest}${small}` : small);
      slow = req;
      dripping(socket, first, drip);
    });
    const transport = undiciTransport(1);
    const err = await transport(get(`${server.url}/slow`, 150)).catch((e: unknown) => e);
    expect(networkReason(err)).toBe('the request timed out');
    // Were the timed-out connection used again, the rest of the first answer would come first.
    expect(await transport(get(`${server.url}/small`, 3_000))).toMatchObject({ status: 200, text: '{"n":1}' });
    expect(server.requests.map((r) => r.path)).toEqual(['/slow', '/small']);
    expect(server.requests[1]!.connection).not.toBe(1);
  });
});
