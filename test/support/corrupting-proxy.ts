/**
 * A hostile proxy in front of a local org: forwards every request, and lets a test replace the
 * answer to chosen ones with what a broken or malicious server might send (an HTML page, JSON of
 * the wrong shape, a lying total, a redirect, a body cut short, an answer that never comes).
 * Every request is counted, so tests bound time and memory in requests, not seconds.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach } from 'vitest';

export interface Upstream {
  status: number;
  contentType: string;
  text: string;
  /** The parsed JSON body (undefined when empty or not JSON). */
  json: unknown;
}

export interface Seen {
  method: string;
  /** Path without the host segment and query: `/v3/users`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** What the proxy sends instead of the upstream answer. */
export type Answer =
  | { status: number; headers?: Record<string, string>; body: string }
  /** Headers never come (`headers`), or come and the body never finishes (`body`). */
  | { hang: 'headers' | 'body' }
  /** Content-Length of the whole upstream body, then `bytes` of it, then the connection is cut. */
  | { cut: number };

export type Corrupt = (req: Seen, upstream: () => Promise<Upstream>) => Promise<Answer | undefined> | Answer | undefined;

export interface CorruptingProxy {
  /** The address template to point orgdeck at. */
  addr: string;
  /** Every request that reached the proxy, in arrival order, as `METHOD /path?query`. */
  requests: string[];
  /** Requests whose path is exactly `path` (any query). */
  count(method: string, path: string): number;
}

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

export async function corruptingProxy(baseUrl: string, corrupt: Corrupt): Promise<CorruptingProxy> {
  const requests: string[] = [];
  const seenPaths: { method: string; path: string }[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    // A request still in flight when the test ends finds the org stopped: cut it, quietly.
    handle(req, res).catch(() => res.socket?.destroy());
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://proxy');
    const path = url.pathname.replace(/^\/[^/]+/, '');
    requests.push(`${req.method} ${req.url}`);
    seenPaths.push({ method: req.method ?? 'GET', path });
    let fetched: Promise<Upstream> | undefined;
    const upstream = () => {
      fetched ??= (async () => {
        const r = await fetch(baseUrl + req.url, {
          method: req.method,
          headers: { authorization: String(req.headers.authorization), 'content-type': 'application/json' },
          body: chunks.length ? Buffer.concat(chunks) : undefined,
          redirect: 'manual',
        });
        const text = await r.text();
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        return { status: r.status, contentType: r.headers.get('content-type') ?? '', text, json };
      })();
      return fetched;
    };
    const own = await corrupt({ method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers }, upstream);
    if (own && 'hang' in own) {
      if (own.hang === 'body') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"meta":');
      }
      return; // never answered; closed when the test ends
    }
    if (own && 'cut' in own) {
      const up = await upstream();
      const bytes = Buffer.from(up.text);
      res.writeHead(up.status, { 'content-type': up.contentType, 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, own.cut));
      setTimeout(() => res.socket?.destroy(), 10);
      return;
    }
    const answer: Extract<Answer, { body: string }> = own ?? (await upstream().then((u) => ({ status: u.status, headers: { 'content-type': u.contentType }, body: u.text })));
    const body = Buffer.from(answer.body);
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
    res.end(body);
  }
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return {
    addr: `http://127.0.0.1:${(server.address() as AddressInfo).port}/{region}`,
    requests,
    count: (method, path) => seenPaths.filter((s) => s.method === method && s.path === path).length,
  };
}

/** A JSON answer (200 unless told), as a server would send it. */
export function jsonAnswer(body: unknown, status = 200): Answer {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
