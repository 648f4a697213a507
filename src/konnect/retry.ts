/**
 * When and how long to wait before trying again. Pure: the client supplies the clock and the
 * random source, so the policy is tested without sleeping.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxTries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts once this much time went into the request: its answers and backoff (not queueing, not rate-limit holds). */
  deadlineMs: number;
  /** 429 answers (which use up no try) before giving up: a server that always says 429 still ends. */
  maxRateLimited?: number;
}

/** Twenty windows of Konnect's per-minute limit at most, when it says so. */
export const MAX_RATE_LIMITED = 20;

export const DEFAULT_RETRY: RetryPolicy = { maxTries: 6, baseDelayMs: 250, maxDelayMs: 20_000, deadlineMs: 120_000, maxRateLimited: MAX_RATE_LIMITED };

/** 429 is always safe to retry: the request was refused before it was processed. */
export function isRateLimited(status: number): boolean {
  return status === 429;
}

/** Failures after which the request may or may not have taken effect. */
export function isAmbiguous(status: number): boolean {
  return status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * Exponential backoff with full jitter: the wait before retrying a failure (a 5xx, a timeout, a
 * reset). A 5xx's own Retry-After or RateLimit-Reset is not read: Konnect's gateway stamps the
 * rate-limit headers on every answer, so on a 5xx they name the end of the rate-limit window, not
 * how long the fault lasts, and waiting a whole window per fault used up the retry deadline in
 * two faults (issue 25, item 3). The window itself is the pacer's business.
 */
export function backoffMs(policy: RetryPolicy, attempt: number, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

/** A wait Konnect asked for, and the header that asked. */
export interface ServerWait {
  ms: number;
  header: 'Retry-After' | 'RateLimit-Reset';
}

/**
 * The server's own wait: `Retry-After` (seconds or an HTTP date), else `RateLimit-Reset`
 * (seconds), as Konnect sends them on 429. A number too large to be a real wait comes back as
 * it is (up to Infinity): the client's --max-wait refuses it, never a timer.
 */
export function serverWait(headers: Readonly<Record<string, string>>, nowMs: number): ServerWait | undefined {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return { ms: Number(retryAfter) * 1000, header: 'Retry-After' };
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return { ms: Math.max(0, at - nowMs), header: 'Retry-After' };
  }
  const reset = headers['ratelimit-reset'];
  if (reset !== undefined && /^\d+$/.test(reset.trim())) return { ms: Number(reset) * 1000, header: 'RateLimit-Reset' };
  return undefined;
}

/** serverWait's milliseconds alone. */
export function serverDelayMs(headers: Readonly<Record<string, string>>, nowMs: number): number | undefined {
  return serverWait(headers, nowMs)?.ms;
}

/** --max-wait's default, in seconds (see DEFAULT_MAX_WAIT_S's use in cmd/connection.ts). */
export const DEFAULT_MAX_WAIT_S = 300;
/** The longest --max-wait, in seconds: a day, far below the 2^31 ms a Node timer can hold. */
export const MAX_MAX_WAIT_S = 86_400;
