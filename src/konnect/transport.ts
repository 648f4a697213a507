/** The only undici import: one HTTP exchange, keep-alive connections, hard timeouts, proxies from the environment. */
import { EventEmitter } from 'node:events';
import { Agent, EnvHttpProxyAgent, request } from 'undici';
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

/** The body as text, or undefined (and the connection dropped) once it passes MAX_RESPONSE_BYTES. */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type Transport = (req: WireRequest) => Promise<WireResponse>;

/**
 * HTTP(S) exchanges through keep-alive connections. `env` (the process environment, injected)
 * supplies HTTPS_PROXY, HTTP_PROXY and NO_PROXY, lower case first as curl reads them; without
 * it no proxy is used, whatever the real environment says.
 */
export function undiciTransport(connections: number, env: Readonly<Record<string, string | undefined>> = {}): Transport {
  const agent = proxyAwareAgent(connections, env);
  return async (req) => {
    const deadline = new Deadline(req.timeoutMs);
    try {
      const res = await request(req.url, {
        method: req.method as 'GET',
        headers: req.headers,
        body: req.body,
        dispatcher: agent,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
        signal: deadline,
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      }
      const text = await readCapped(res.body);
      return text === undefined ? { status: res.statusCode, headers, text: '', tooLarge: true } : { status: res.statusCode, headers, text };
    } finally {
      deadline.clear();
    }
  };
}

/**
 * The whole exchange's time limit, as undici's `signal` (it takes an EventEmitter as well as an
 * AbortSignal): when it fires, the request or its body is aborted with a TimeoutError, as
 * AbortSignal.timeout would. AbortSignal.timeout cost about 0.05 ms of CPU per request (a weak
 * timer, a finalization registry and an EventTarget listener): half a second of an org-10k read.
 * This costs one plain timer, cleared as soon as the body is read.
 */
export class Deadline extends EventEmitter {
  aborted = false;
  reason: Error | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    super();
    this.timer = setTimeout(() => {
      this.aborted = true;
      this.reason = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError', code: 23 });
      this.emit('abort');
    }, ms);
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

/**
 * undici's EnvHttpProxyAgent, fed from `env` only (an explicit '' stops it reading process.env).
 * An https:// request goes through HTTPS_PROXY (or HTTP_PROXY when that is unset) in a CONNECT
 * tunnel; an http:// request goes to HTTP_PROXY as a plain forward request, as curl sends it.
 * NO_PROXY lists hosts (with subdomains), host:port pairs, or `*`, that are reached directly.
 */
function proxyAwareAgent(connections: number, env: Readonly<Record<string, string | undefined>>): Agent | EnvHttpProxyAgent {
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
  return new EnvHttpProxyAgent({
    connections,
    keepAliveTimeout: 10_000,
    pipelining: 1,
    proxyTunnel: false,
    httpProxy: http.value,
    httpsProxy: https.value,
    noProxy: read('NO_PROXY').value,
  });
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
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name did not resolve (a DNS failure, ${code})`;
  if (code && TLS_CODE.test(code)) return `TLS failed: the server's certificate was not accepted (${code})`;
  return code ? `network error ${code}` : 'network error';
}
