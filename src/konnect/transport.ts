/** The only undici import: one HTTP exchange, keep-alive connections, hard timeouts. */
import { Agent, request } from 'undici';

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
}

export type Transport = (req: WireRequest) => Promise<WireResponse>;

export function undiciTransport(connections: number): Transport {
  const agent = new Agent({ connections, keepAliveTimeout: 10_000, pipelining: 1 });
  return async (req) => {
    const res = await request(req.url, {
      method: req.method as 'GET',
      headers: req.headers,
      body: req.body,
      dispatcher: agent,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const text = await res.body.text();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
    return { status: res.statusCode, headers, text };
  };
}
