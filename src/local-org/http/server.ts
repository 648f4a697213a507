/**
 * The request pipeline: auth → rate limit → injected fault → route → path ids → body schema
 * → handler → persist → (fault after the write) → latency → send. Handlers are synchronous
 * over the in-memory org, so writes never interleave.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { OrgError } from '../store/errors.js';
import type { Fault, FaultInjector } from './faults.js';
import { HttpProblem, problemBody, problemFromOrgError } from './problem.js';
import { type RateLimiter, withRetryAfter } from './rate-limit.js';
import { type Reply, json } from './reply.js';
import type { RequestLog } from './request-log.js';
import { type OrgHolder, type Route, checkPathIds, matchRoute, notFoundRoute } from './router.js';
import { validateBody } from './validate.js';

export interface ServerDeps {
  org: OrgHolder;
  token: string;
  routes: readonly Route[];
  log: RequestLog;
  limiter?: RateLimiter;
  faults?: FaultInjector;
  latencyMs: number;
  /** Called after every successful write. */
  persist: () => void;
  now: () => Date;
  /** A request not received whole (headers and body) within this is answered 408 and its connection closed. */
  requestTimeoutMs: number;
}

export interface ServerStats {
  inFlight: number;
  maxInFlight: number;
  requests: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

type Outcome = { reply: Reply; headers: Record<string, string> } | 'reset';

function problemReply(err: HttpProblem): Outcome {
  const body = problemBody(err.status, err.detail, err.invalidParameters);
  return { reply: { status: err.status, body, contentType: 'application/problem+json' }, headers: err.headers };
}

function readBody(req: IncomingMessage): Promise<string | HttpProblem> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) resolve(new HttpProblem(413, 'Request body is too large'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, '', [{ field: 'body', reason: 'request format is invalid' }]);
  }
}

function isAuthorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^bearer\s+(.+)$/i.exec(header.trim());
  return m !== null && m[1] === token;
}

function rateLimited(method: string, path: string, headers: Record<string, string>): Outcome {
  // Only POST /v3/invites declares a 429 in the spec; elsewhere the gateway plugin's plain body answers.
  if (method === 'POST' && path === '/global/v3/invites') {
    return problemReply(new HttpProblem(429, 'Too many requests', undefined, headers));
  }
  return { reply: json(429, { message: 'API rate limit exceeded' }), headers };
}

function faultOutcome(fault: Fault, headers: Record<string, string>): Outcome {
  if (fault.answer === 'reset') return 'reset';
  return problemReply(new HttpProblem(fault.answer, 'Injected fault (failRate)', undefined, fault.retryAfter ? withRetryAfter(headers) : headers));
}

export function createOrgServer(deps: ServerDeps, stats: ServerStats): Server {
  function execute(req: IncomingMessage, url: URL, rawBody: string, isLocal: boolean, fault: Fault | undefined): Outcome {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (!isAuthorized(req, deps.token)) return problemReply(new HttpProblem(401, 'A valid token is required'));
    let headers: Record<string, string> = {};
    if (deps.limiter && !isLocal) {
      const decision = deps.limiter.take(deps.token);
      headers = decision.headers;
      if (!decision.allowed) return rateLimited(method, path, headers);
    }
    if (fault && !fault.afterWrite) return faultOutcome(fault, headers);
    let outcome: Outcome;
    try {
      const match = matchRoute(deps.routes, method, path);
      if (!match.route) throw notFoundRoute(match.allow);
      checkPathIds(match.params);
      let body: unknown;
      if (match.route.body) {
        body = parseJson(rawBody);
        validateBody(match.route.body, body);
      }
      outcome = { reply: match.route.handler({ org: deps.org, params: match.params, query: url.searchParams, body }), headers };
      if (method !== 'GET' && outcome.reply.status < 400) deps.persist();
    } catch (err) {
      if (err instanceof OrgError) outcome = problemReply(problemFromOrgError(err));
      else if (err instanceof HttpProblem) outcome = problemReply(err);
      else throw err;
      if (outcome !== 'reset') outcome.headers = { ...headers, ...outcome.headers };
    }
    if (fault?.afterWrite) return faultOutcome(fault, headers);
    return outcome;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = deps.now();
    const started = performance.now();
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => stats.inFlight--);
    const url = new URL(req.url ?? '/', 'http://local');
    const isLocal = url.pathname === '/_local' || url.pathname.startsWith('/_local/');
    // Drawn on arrival, before any await, so the fault schedule follows the request order.
    const fault = !isLocal && deps.faults ? deps.faults.next(req.method !== 'GET' && req.method !== 'HEAD') : undefined;
    let raw: string | HttpProblem;
    try {
      raw = await readBody(req);
    } catch {
      return; // the client went away, or timed out, before its body arrived: nobody to answer
    }
    let outcome: Outcome;
    try {
      outcome = raw instanceof HttpProblem ? problemReply(raw) : execute(req, url, raw, isLocal, fault);
    } catch (err) {
      process.stderr.write(`local org: internal error on ${req.method} ${url.pathname}: ${(err as Error).stack ?? err}\n`);
      outcome = problemReply(new HttpProblem(500, 'Internal error in the local org'));
    }
    // The answer leaves `latencyMs` after the request arrived, its processing included: what a
    // client sees of an API that far away, however busy this machine is.
    const wait = deps.latencyMs - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const status = outcome === 'reset' ? 0 : outcome.reply.status;
    if (!isLocal) {
      const path = url.pathname + url.search;
      deps.log.add({ method: req.method ?? 'GET', path, status, time: arrived.toISOString(), ms: Math.round(performance.now() - started) });
    }
    if (outcome === 'reset') {
      req.socket.destroy();
      return;
    }
    send(res, outcome.reply, outcome.headers);
  }

  const timeouts = {
    requestTimeout: deps.requestTimeoutMs,
    headersTimeout: Math.min(10_000, deps.requestTimeoutMs),
    // How often Node looks for requests past those limits (its default is 30 s).
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(deps.requestTimeoutMs / 4))),
  };
  return createServer(timeouts, (req, res) => {
    void handle(req, res);
  });
}

function send(res: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  const payload = reply.body === undefined ? undefined : Buffer.from(JSON.stringify(reply.body), 'utf8');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (payload) {
    res.setHeader('Content-Type', reply.contentType ?? 'application/json');
    res.setHeader('Content-Length', String(payload.length));
  } else {
    res.setHeader('Content-Length', '0');
  }
  res.writeHead(reply.status);
  res.end(payload);
}
