/** The only undici import: one HTTP exchange, keep-alive connections, hard timeouts, proxies from the environment. */
import type { Dispatcher } from 'undici';
// undici's index loads all of it (fetch, WebSocket, caches, cookies, which load Node's own copy):
// about 55 ms of CPU at every start. The plain Agent comes from its file; the proxy agent, which
// needs the rest, is loaded only when a proxy is set (src/konnect/undici-agent.d.ts).
import Agent from 'undici/lib/dispatcher/agent.js';
import { UsageError } from '../errors.js';

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body passed MAX_RESPONSE_BYTES and was dropped unread (text is then ''). */
  tooLarge?: boolean;
}

/**
 * The most orgdeck reads of one answer. A page of 100 users is about 30 KB; the largest list read
 * whole (one principal's assigned roles) would need some 80,000 grants to reach this.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export type Transport = (req: WireRequest) => Promise<WireResponse>;

/**
 * HTTP(S) exchanges through keep-alive connections. `env` (the process environment, injected)
 * supplies HTTPS_PROXY, HTTP_PROXY and NO_PROXY, lower case first as curl reads them; without
 * it no proxy is used, whatever the real environment says.
 */
export function undiciTransport(connections: number, env: Readonly<Record<string, string | undefined>> = {}): Transport {
  const proxied = proxyAwareAgent(connections, env);
  let agent: Dispatcher | undefined = proxied instanceof Agent ? proxied : undefined;
  // async: an address that is not a URL rejects like any failed exchange instead of throwing at the caller.
  return async (req) => {
    agent ??= await proxied;
    const url = new URL(req.url);
    return new Promise<WireResponse>((resolve, reject) => {
      agent!.dispatch(
        {
          origin: url.origin,
          path: url.pathname + url.search,
          method: req.method as 'GET',
          headers: req.headers,
          body: req.body,
          headersTimeout: req.timeoutMs,
          bodyTimeout: req.timeoutMs,
        },
        new Exchange(req.timeoutMs, resolve, reject),
      );
    });
  };
}

/**
 * One exchange as an undici dispatch handler: the answer's chunks are gathered as they come,
 * with no body stream, async iterator or URL parsing of undici's `request` in between (about
 * 0.04 ms of CPU per request, a sixth of an org-10k read's). The whole exchange has a time
 * limit; past it, or past MAX_RESPONSE_BYTES, the request is aborted and its connection dropped.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: Record<string, string> = {};
  private chunks: Buffer[] = [];
  private size = 0;
  private controller: Dispatcher.DispatchController | undefined;
  private readonly timer: NodeJS.Timeout;
  private settled = false;

  constructor(
    ms: number,
    private readonly resolve: (res: WireResponse) => void,
    private readonly reject: (err: unknown) => void,
  ) {
    // Past the limit the exchange fails at once; a request still queued for a connection is
    // aborted as soon as it gets one.
    this.timer = setTimeout(() => {
      const err = timeoutError();
      this.fail(err);
      this.controller?.abort(err);
    }, ms);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(timeoutError());
  }

  onResponseStart(_c: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    this.status = statusCode;
    const out: Record<string, string> = {};
    for (const k in headers) {
      const v = headers[k];
      if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
    this.headers = out;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > MAX_RESPONSE_BYTES) {
      this.finish({ status: this.status, headers: this.headers, text: '', tooLarge: true });
      controller.abort(new Error('response too large'));
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const text = this.chunks.length === 1 ? this.chunks[0]!.toString('utf8') : Buffer.concat(this.chunks).toString('utf8');
    this.finish({ status: this.status, headers: this.headers, text });
  }

  onResponseError(_c: Dispatcher.DispatchController, err: Error): void {
    this.fail(err);
  }

  private fail(err: Error): void {
    if (this.settle()) this.reject(err);
  }

  private finish(res: WireResponse): void {
    if (this.settle()) this.resolve(res);
  }

  /** true the first time only: an exchange ends once, whatever undici or the timer says after. */
  private settle(): boolean {
    clearTimeout(this.timer);
    if (this.settled) return false;
    this.settled = true;
    this.chunks = [];
    return true;
  }
}

/** What AbortSignal.timeout rejects with, so the exchange past its time limit reads as "the request timed out". */
function timeoutError(): Error {
  return Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError', code: 23 });
}

/**
 * undici's EnvHttpProxyAgent, fed from `env` only (an explicit '' stops it reading process.env).
 * An https:// request goes through HTTPS_PROXY (or HTTP_PROXY when that is unset) in a CONNECT
 * tunnel; an http:// request goes to HTTP_PROXY as a plain forward request, as curl sends it.
 * NO_PROXY lists hosts (with subdomains), host:port pairs, or `*`, that are reached directly.
 */
function proxyAwareAgent(connections: number, env: Readonly<Record<string, string | undefined>>): Dispatcher | Promise<Dispatcher> {
  const read = (name: string) => {
    const lower = name.toLowerCase();
    return env[lower] !== undefined ? { name: lower, value: env[lower] } : { name, value: env[name] ?? '' };
  };
  const http = read('HTTP_PROXY');
  const https = read('HTTPS_PROXY');
  for (const proxy of [http, https]) {
    if (proxy.value && !URL.canParse(proxy.value)) {
      throw new UsageError(`${proxy.name} is not a proxy URL such as http://proxy.example.com:3128. Fix it or unset it.`);
    }
  }
  // No proxy at all: a plain Agent, which is what EnvHttpProxyAgent would use for every request anyway.
  if (!http.value && !https.value) return new Agent({ connections, keepAliveTimeout: 10_000, pipelining: 1 });
  return import('undici').then(
    ({ EnvHttpProxyAgent }) =>
      new EnvHttpProxyAgent({
        connections,
        keepAliveTimeout: 10_000,
        pipelining: 1,
        proxyTunnel: false,
        httpProxy: http.value,
        httpsProxy: https.value,
        noProxy: read('NO_PROXY').value,
      }),
  );
}

/** OpenSSL's certificate errors as Node names them, and Node's own TLS errors. */
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|^ERR_TLS_|^ERR_SSL_|^EPROTO$/;

/** What went wrong with an exchange that got no answer, in words for the user: a DNS failure, a refused connection, TLS or a timeout. */
export function networkReason(err: unknown): string {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  const proxy = /Proxy response \((\d+)\)/.exec(e.message ?? '');
  if (proxy) return `the proxy answered ${proxy[1]} instead of opening a tunnel (check HTTPS_PROXY and NO_PROXY)`;
  if (e.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'the request timed out';
  // undici's own 10 s limit on opening a connection: packets dropped on the way (a firewall) or a host that is down.
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'the connection timed out (nothing answered at that address)';
  if (e.name === 'HTTPParserError' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return 'the answer was not valid HTTP';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name did not resolve (a DNS failure, ${code})`;
  if (code && TLS_CODE.test(code)) return `TLS failed: the server's certificate was not accepted (${code})`;
  return code ? `network error ${code}` : 'network error';
}
