/** What the Konnect client is given, what it reports, and what a call takes and returns. */
import type { Host } from '../model.js';
import type { Query } from './addr.js';
import type { Breaker } from './breaker.js';
import type { RetryPolicy } from './retry.js';
import type { Transport } from './transport.js';

export interface ClientOptions {
  addr: string;
  token: string;
  /** Where the token came from (`KONNECT_TOKEN`, `--konnect-token-file PATH`…), named when Konnect refuses it. */
  tokenSource?: string;
  transport: Transport;
  parallelism: number;
  timeoutMs: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  userAgent?: string;
  /** Called once per attempt, for debug output and the log file; carries no credentials. */
  onAttempt?: (a: AttemptInfo) => void;
  /**
   * Called once per attempt with what went over the wire, for --verbose: the path with its query,
   * the bodies as sent and received, the answer's headers. Never the request's headers, so never
   * the token; a body may still echo secrets, so whoever prints it redacts it first.
   */
  onExchange?: (e: Exchange) => void;
  /** What the client is waiting for (the rate limit, a retry), for a progress line. */
  onEvent?: (e: ClientEvent) => void;
  /** When Konnect stops answering, stop asking (breaker.ts); one per client, shared by its views. */
  breaker?: Breaker;
  /** The longest wait Konnect may ask for (--max-wait); a longer one stops the client. Default DEFAULT_MAX_WAIT_S. */
  maxWaitMs?: number;
}

/**
 * `hold`: every request waits until `until` (the client's clock; `now` is when it began) because
 * Konnect's rate limit is spent. `retry`: a request failed in a way worth retrying, after `delayMs`.
 */
export type ClientEvent =
  | { type: 'hold'; reason: 'rate-limit'; until: number; now: number }
  | { type: 'retry'; method: string; path: string; why: string; attempt: number; delayMs: number };

/** What a request is part of (a plan step), carried to `onAttempt` for the log file. */
export interface AttemptTag {
  op: string;
  kind: string;
  key: string;
}

export interface AttemptInfo {
  tag?: AttemptTag;
  method: string;
  host: Host;
  path: string;
  attempt: number;
  status?: number;
  error?: string;
  traceId?: string;
  ms: number;
}

/** One attempt as it went over the wire (see ClientOptions.onExchange). */
export interface Exchange extends AttemptInfo {
  /** The path with its query string, as sent. */
  target: string;
  /** The host the request went to (`global.api.konghq.com`, `127.0.0.1:8080`). */
  hostname: string;
  requestBody?: string;
  responseBody?: string;
  responseHeaders?: Readonly<Record<string, string>>;
}

export interface CallOptions {
  query?: Query;
  body?: unknown;
  /** Safe to send twice. GET, PATCH and DELETE are; POST is not unless the caller says so. */
  idempotent?: boolean;
  /** For a non-idempotent write after an ambiguous failure: did it take effect anyway? */
  tookEffect?: () => Promise<boolean>;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  /** Attempts made; >1 means an earlier attempt may have taken effect (409/404 then mean done). */
  tries: number;
  /** The write was confirmed by `tookEffect` rather than by a response. */
  confirmedAfterFailure?: boolean;
}
