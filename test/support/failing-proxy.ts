/** A proxy in front of a local org that answers chosen requests itself (a refusal, an outage). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export type Override = (method: string, path: string) => { status: number; body: unknown } | undefined;

const open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

/** Returns the address template to point orgdeck at. */
export async function failingProxy(baseUrl: string, override: Override): Promise<string> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const own = override(req.method ?? 'GET', req.url ?? '/');
    if (own) {
      res.writeHead(own.status, { 'content-type': 'application/problem+json' });
      return res.end(JSON.stringify(own.body));
    }
    const headers = { authorization: String(req.headers.authorization), 'content-type': 'application/json' };
    const upstream = await fetch(baseUrl + req.url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({ close: () => new Promise<void>((r) => server.close(() => r())) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/{region}`;
}

export const OUTAGE = { status: 503, body: { status: 503, title: 'Service Unavailable', instance: 'konnect:trace:503', detail: 'upstream unavailable' } };
