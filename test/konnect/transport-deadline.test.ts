/**
 * The transport's whole-exchange time limit (one plain timer, not AbortSignal.timeout, for CPU): a body
 * that keeps dripping within undici's idle timeout is still cut at --timeout, and an exchange that
 * finished leaves no timer behind, and a request queued for a connection is cut too.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { networkReason, undiciTransport } from '../../src/konnect/transport.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/**
 * A server whose answer body sends one byte every `everyMs`, `bytes` times; `ended()` says
 * whether it has sent the whole body, so a test can tell a cut from an answer that finished.
 */
async function dripping(everyMs: number, bytes: number): Promise<{ url: string; ended: () => boolean }> {
  let ended = false;
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || ++sent > bytes) {
        clearInterval(timer);
        ended ||= !res.destroyed;
        res.end();
        return;
      }
      res.write(' ');
    }, everyMs);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`, ended: () => ended };
}

describe('the time limit of one exchange', () => {
  it('cuts a body that drips past the limit, each gap shorter than it, as a timeout', async () => {
    const { url, ended } = await dripping(50, 1_000);
    const err = await undiciTransport(1)({ method: 'GET', url, headers: {}, timeoutMs: 400 }).catch((e: unknown) => e);
    expect(networkReason(err)).toBe('the request timed out');
    // Cut while the body was still coming (it drips for 50 s), however slow the machine.
    expect(ended()).toBe(false);
  });

  it('lets an answer within the limit through and clears its timer', async () => {
    const { url } = await dripping(5, 3);
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const res = await undiciTransport(1)({ method: 'GET', url, headers: {}, timeoutMs: 60_000 });
    expect(res).toMatchObject({ status: 200, text: '   ' });
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(before);
  });

  it('times out a request still waiting for a connection, and the connection it gets is not used for it', async () => {
    // One connection, held by a body that drips for 2 s; the second request waits behind it.
    const { url } = await dripping(20, 100);
    const transport = undiciTransport(1);
    let firstDone = false;
    const first = transport({ method: 'GET', url, headers: {}, timeoutMs: 10_000 }).finally(() => {
      firstDone = true;
    });
    const err = await transport({ method: 'GET', url, headers: {}, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(networkReason(err)).toBe('the request timed out');
    // Cut while it still waited: before the connection was free, not on it afterwards. This, not
    // a time (a slow machine can take seconds), is what tells the two apart.
    expect(firstDone).toBe(false);
    expect((await first).text).toHaveLength(100);
  });
});
