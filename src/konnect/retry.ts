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

/** Exponential backoff with full jitter, unless the server said when to come back. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: number, serverSaysMs?: number): number {
  // The server knows best (Konnect has sent Retry-After: 77); only the overall deadline bounds it.
  if (serverSaysMs !== undefined) return Math.min(Math.max(serverSaysMs, 0), policy.deadlineMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

/**
 * The server's own wait: `Retry-After` (seconds or an HTTP date), else `RateLimit-Reset`
 * (seconds), as Konnect sends them on 429.
 */
export function serverDelayMs(headers: Record<string, string>, nowMs: number): number | undefined {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  const reset = headers['ratelimit-reset'];
  if (reset !== undefined && /^\d+$/.test(reset.trim())) return Number(reset) * 1000;
  return undefined;
}
