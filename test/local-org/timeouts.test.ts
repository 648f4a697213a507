/** A client that never finishes its request does not hold a connection of the local org forever. */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startOrg } from '../support/local-org.js';

/** Sends `text` and never the rest; resolves with what the server answered once it closes the connection. */
function sendAndWait(baseUrl: string, text: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('request timeouts', () => {
  it('headers that never end, and a body that never comes: 408 and the connection closed', async () => {
    const { org } = await startOrg({ requestTimeoutMs: 200 });
    const teams = org.snapshot().teams.length;
    const [headers, body] = await Promise.all([
      sendAndWait(org.baseUrl, `GET /global/v3/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${org.token}\r\n`),
      sendAndWait(org.baseUrl, `POST /global/v3/teams HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${org.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":`),
    ]);
    expect(headers).toMatch(/^HTTP\/1\.1 408 /);
    expect(body).toMatch(/^HTTP\/1\.1 408 /);
    expect(org.snapshot().teams).toHaveLength(teams);
    expect(org.requestLog()).toEqual([]);
  });

  it('refuses a timeout that is not positive', async () => {
    await expect(startOrg({ requestTimeoutMs: 0 })).rejects.toThrow(/requestTimeoutMs must be positive/);
  });
});
