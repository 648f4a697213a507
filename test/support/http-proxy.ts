/**
 * A small HTTP proxy on 127.0.0.1 that records what goes through it: plain forward requests
 * (`GET http://host:port/path`, how an http:// target is proxied) and CONNECT tunnels (how an
 * https:// target is). Closed after each test.
 */
import { createServer, request } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach } from 'vitest';

export interface RecordingProxy {
  url: string;
  /** "GET http://127.0.0.1:1234/global/v3/users?…" or "CONNECT 127.0.0.1:1234", in arrival order. */
  seen: string[];
}

const open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

/** `tunnels: false` answers every CONNECT 403 (a proxy that forbids the target) after recording it. */
export async function startHttpProxy(opts: { tunnels?: boolean } = {}): Promise<RecordingProxy> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('a proxy takes absolute URLs');
      return;
    }
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req, client, head) => {
    seen.push(`CONNECT ${req.url}`);
    if (opts.tunnels === false) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}
