/** The transport imports undici's Agent from its own file (src/konnect/transport.ts says why): it must be the one undici exports, and work alone. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import Agent from 'undici/lib/dispatcher/agent.js';
import * as undici from 'undici';
import { undiciTransport } from '../../src/konnect/transport.js';

describe("undici's Agent, imported from its file", () => {
  it('is the class undici exports', () => {
    expect(Agent).toBe(undici.Agent);
  });

  it('carries an exchange with no proxy set', async () => {
    const server = createServer((_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await undiciTransport(1)({ method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: {}, timeoutMs: 5_000 });
      expect(res).toMatchObject({ status: 200, text: '{"ok":true}' });
    } finally {
      server.close();
    }
  });
});
