/**
 * The local Konnect-compatible organization behind `orgdeck serve`: Konnect's Identity API
 * (under `/global/v3`) and the regional control-plane and API-product lists (under
 * `/{region}/v2`), in-process on node:http, with optional persistence and realism knobs.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from './http/faults.js';
import { RateLimiter } from './http/rate-limit.js';
import { type RequestLogEntry, RequestLog } from './http/request-log.js';
import { allRoutes } from './http/routes.js';
import { type ServerStats, createOrgServer } from './http/server.js';
import type { SeedDocument } from './seed-document.js';
import { openOrgState } from './state.js';
import type { OrgData } from './types.js';

export type { OrgData } from './types.js';
export type { RequestLogEntry } from './http/request-log.js';
export type { SeedDocument, SeedEntity, SeedGrant, SeedIdentityProvider, SeedSystemAccount, SeedTeam, SeedUser } from './seed-document.js';

export interface LocalOrgOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** The token; default a generated `kpat_…` (or `spat_…` with systemAccount). */
  token?: string;
  /**
   * The token belongs to this seeded system account instead of the owner: GET /v3/users/me
   * then answers 401, as its spec security lists no system-account token.
   */
  systemAccount?: string;
  /** Owner email, default owner@example.com; added to Organization Admin unless the seed lists it. */
  owner?: string;
  /** Parsed seed; absent = an org with only its owner (and the predefined teams). */
  seed?: SeedDocument;
  /** JSON file the org is persisted to after every write and reloaded from on start. */
  dataFile?: string;
  /** Every answer leaves this long after its request arrived (a distant API, processing included). */
  latencyMs?: number;
  /** Requests per window per token; beyond → 429. */
  rateLimit?: number;
  /** Default 60000. */
  rateLimitWindowMs?: number;
  /** Share (0..1) of Konnect requests answered 500/502/503 or cut. */
  failRate?: number;
  /** Injected 5xx also carry Retry-After, equal to their RateLimit-Reset (needs rateLimit to carry either). */
  retryAfterOnFaults?: boolean;
  /** Seed of the fault schedule; same seed + same requests ⇒ same faults. */
  faultSeed?: number;
  /** Clock for timestamps and rate-limit windows. */
  now?: () => Date;
  /**
   * Clock for the rate-limit windows alone, in the unit of rateLimitWindowMs. Tests pass a
   * counter of requests (`() => n++`), so a limit is reached after so many requests, however
   * fast or slow the machine is.
   */
  rateLimitClock?: () => number;
  /**
   * A request whose headers and body have not all arrived after this long is answered 408 and
   * its connection closed (headers alone get at most 10 s). Default 30000.
   */
  requestTimeoutMs?: number;
}

export interface LocalOrg {
  /** Region template for clients: `http://127.0.0.1:PORT/{region}`. */
  addr: string;
  /** `http://127.0.0.1:PORT`. */
  baseUrl: string;
  token: string;
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
  stats(): { maxInFlight: number; requests: number };
  /** A deep copy of the whole org. */
  snapshot(): OrgData;
  stop(): Promise<void>;
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function generateToken(prefix: 'kpat_' | 'spat_'): string {
  let out = prefix;
  for (let i = 0; i < 48; i++) out += TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)];
  return out;
}

function checkOptions(opts: LocalOrgOptions): void {
  const bad = (what: string) => {
    throw new RangeError(`local org: ${what}`);
  };
  if (opts.failRate !== undefined && !(opts.failRate >= 0 && opts.failRate <= 1)) bad(`failRate must be between 0 and 1, got ${opts.failRate}`);
  if (opts.rateLimit !== undefined && !(Number.isInteger(opts.rateLimit) && opts.rateLimit > 0)) bad(`rateLimit must be a positive integer, got ${opts.rateLimit}`);
  if (opts.rateLimitWindowMs !== undefined && !(opts.rateLimitWindowMs > 0)) bad(`rateLimitWindowMs must be positive, got ${opts.rateLimitWindowMs}`);
  if (opts.latencyMs !== undefined && !(opts.latencyMs >= 0)) bad(`latencyMs must be 0 or more, got ${opts.latencyMs}`);
  if (opts.token !== undefined && opts.token.trim() === '') bad('token must not be empty');
  if (opts.requestTimeoutMs !== undefined && !(opts.requestTimeoutMs > 0)) bad(`requestTimeoutMs must be positive, got ${opts.requestTimeoutMs}`);
}

/** Starts the local org and resolves once it listens. */
export async function startLocalOrg(opts: LocalOrgOptions = {}): Promise<LocalOrg> {
  checkOptions(opts);
  const now = opts.now ?? (() => new Date());
  const token = opts.token ?? generateToken(opts.systemAccount === undefined ? 'kpat_' : 'spat_');
  const { holder, persist } = openOrgState({
    ...(opts.systemAccount !== undefined ? { tokenAccount: opts.systemAccount } : {}),
    seed: opts.seed,
    owner: opts.owner ?? 'owner@example.com',
    dataFile: opts.dataFile,
    env: { now, newId: randomUUID },
  });
  const log = new RequestLog();
  const stats: ServerStats = { inFlight: 0, maxInFlight: 0, requests: 0 };
  const server = createOrgServer(
    {
      org: holder,
      token,
      routes: allRoutes(log),
      log,
      limiter: opts.rateLimit ? new RateLimiter(opts.rateLimit, opts.rateLimitWindowMs ?? 60_000, opts.rateLimitClock ?? (() => now().getTime())) : undefined,
      faults: opts.failRate ? new FaultInjector(opts.failRate, opts.faultSeed ?? randomInt(2 ** 31), opts.retryAfterOnFaults) : undefined,
      latencyMs: opts.latencyMs ?? 0,
      persist,
      now,
      requestTimeoutMs: opts.requestTimeoutMs ?? 30_000,
    },
    stats,
  );
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const baseUrl = `http://${urlHost}:${port}`;
  let stopping: Promise<void> | undefined;
  return {
    addr: `${baseUrl}/{region}`,
    baseUrl,
    token,
    requestLog: () => log.list(),
    clearRequestLog: () => log.clear(),
    stats: () => ({ maxInFlight: stats.maxInFlight, requests: stats.requests }),
    snapshot: () => structuredClone(holder.data),
    stop: () => {
      // Idempotent: a second stop waits for the first instead of failing.
      stopping ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
