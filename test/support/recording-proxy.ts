/**
 * A recording reverse proxy for contract tests: listens on 127.0.0.1 (port 0), forwards every
 * request unchanged (method, path, query, headers, body) to a target such as a local org, and
 * answers with the target's response unchanged. Each exchange is recorded with its query
 * decoded and its JSON bodies parsed, ready for validateRequest / validateResponse.
 */
import { Agent, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedExchange {
  method: string;
  /** Path as sent, without the query: `/global/v3/users`, `/us/v2/control-planes`. */
  path: string;
  /** Decoded query pairs in the order sent; duplicate keys stay separate. */
  query: [string, string][];
  /** The parsed JSON body; undefined when none was sent. A body that is not JSON stays a string. */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The target's response (what the client got, unless `injected`). */
  response: { status: number; contentType: string | null; body: unknown; text: string };
  /** The client got an injected 503 instead of `response` (see ProxyOptions.ambiguous). */
  injected?: true;
}

export interface ProxyOptions {
  /**
   * Asked for each request; true = forward it (so it takes effect) but answer the client 503
   * problem+json with `Retry-After: 0`: an ambiguous failure, which makes the client confirm
   * or retry without waiting.
   */
  ambiguous?: (method: string, path: string) => boolean;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Every exchange so far, in the order the responses completed. */
  exchanges(): RecordedExchange[];
  /** Requests the proxy could not forward (it answered 502 itself); none in a healthy run. */
  failures(): string[];
  /** Forget what was recorded. */
  clear(): void;
  stop(): Promise<void>;
}

/** Headers that describe one hop, not the message: never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

function parse(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (!/json/i.test(contentType ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Starts a proxy in front of `target` (an origin such as `http://127.0.0.1:1234`). */
export async function startRecordingProxy(target: string, opts: ProxyOptions = {}): Promise<RecordingProxy> {
  const origin = new URL(target);
  const agent = new Agent({ keepAlive: true });
  let log: RecordedExchange[] = [];
  let failed: string[] = [];

  const server: Server = createServer(async (req, res) => {
    try {
      const raw = await readAll(req);
      const url = new URL(req.url ?? '/', 'http://proxy');
      const upstream = await new Promise<{ res: IncomingMessage; data: Buffer }>((resolve, reject) => {
        const out = request(
          { protocol: origin.protocol, hostname: origin.hostname, port: origin.port, method: req.method, path: req.url, headers: { ...endToEnd(req.headers), host: origin.host }, agent },
          (r) => readAll(r).then((data) => resolve({ res: r, data }), reject),
        );
        out.on('error', reject);
        out.end(raw);
      });
      const text = upstream.data.toString('utf8');
      const inject = opts.ambiguous?.(req.method ?? 'GET', url.pathname) === true;
      log.push({
        ...(inject ? { injected: true as const } : {}),
        method: req.method ?? 'GET',
        path: url.pathname,
        query: [...url.searchParams],
        body: parse(raw.toString('utf8'), req.headers['content-type']),
        headers: req.headers,
        response: {
          status: upstream.res.statusCode ?? 0,
          contentType: upstream.res.headers['content-type'] ?? null,
          body: parse(text, upstream.res.headers['content-type']),
          text,
        },
      });
      if (inject) {
        const problem = JSON.stringify({ status: 503, title: 'Service Unavailable', instance: 'konnect:trace:1', detail: 'injected by the recording proxy' });
        res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '0', 'content-length': Buffer.byteLength(problem) });
        res.end(problem);
        return;
      }
      res.writeHead(upstream.res.statusCode ?? 502, { ...endToEnd(upstream.res.headers), 'content-length': upstream.data.length });
      res.end(upstream.data);
    } catch (err) {
      failed.push(`${req.method} ${req.url}: ${(err as Error).message}`);
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`recording proxy: ${(err as Error).message}`);
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges: () => [...log],
    failures: () => [...failed],
    clear: () => {
      log = [];
      failed = [];
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
