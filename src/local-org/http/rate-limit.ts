/**
 * A fixed-window rate limit per token, with the headers Kong's rate-limiting plugin sends
 * (observed on Konnect: RateLimit-*, X-RateLimit-*-Minute, Retry-After on a 429).
 */
export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  take(key: string): RateDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const allowed = window.count <= this.limit;
    const remaining = Math.max(0, this.limit - window.count);
    const resetSeconds = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    const headers: Record<string, string> = {
      'RateLimit-Limit': String(this.limit),
      'RateLimit-Remaining': String(remaining),
      'RateLimit-Reset': String(resetSeconds),
      'X-RateLimit-Limit-Minute': String(this.limit),
      'X-RateLimit-Remaining-Minute': String(remaining),
    };
    if (!allowed) headers['Retry-After'] = String(resetSeconds);
    return { allowed, headers };
  }

  reset(): void {
    this.windows.clear();
  }
}

/**
 * The rate-limit headers of an answer plus Retry-After set to its RateLimit-Reset: what an error
 * looks like from a gateway that adds Retry-After to every error, not only to its 429s. A client
 * must not read it on a 5xx as a pause the rate limit asks for (issue 25, item 3).
 */
export function withRetryAfter(headers: Record<string, string>): Record<string, string> {
  const reset = headers['RateLimit-Reset'];
  return reset === undefined ? headers : { ...headers, 'Retry-After': reset };
}
