/**
 * The circuit breaker: when Konnect stops answering, stop asking. Each attempt the client makes
 * is recorded; after `failuresInARow` failed attempts with no answer in between (across all
 * requests), or failures and no answer for `quietMs`, the breaker opens for good: the client
 * retries nothing more and sync starts no new step, then reports what it did and did not do.
 * An answer is any HTTP response but a 5xx (a 4xx or a 429 means Konnect is there); a failure is
 * a 5xx, a timeout, a reset, a refused connection or a name that does not resolve. A pause
 * Konnect asked for (its rate limit) is not silence: the quiet time starts again when it ends.
 * Pure: the clock is injected.
 */
import { plural } from '../text/plural.js';

export interface BreakerLimits {
  /** Failed attempts in a row, across requests, that open the breaker. */
  failuresInARow: number;
  /** With at least two failures in a row, this long without an answer opens it too. */
  quietMs: number;
}

export const DEFAULT_BREAKER: BreakerLimits = { failuresInARow: 12, quietMs: 30_000 };

/** What the breaker needs of an attempt: the client's AttemptInfo has these fields. */
export interface AttemptOutcome {
  method: string;
  path: string;
  status?: number;
  error?: string;
}

export class Breaker {
  private inARow = 0;
  private lastAnswer: number;
  private last = '';
  private reason: string | undefined;

  constructor(
    private readonly limits: BreakerLimits = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
  ) {
    this.lastAnswer = now();
  }

  record(a: AttemptOutcome): void {
    if (this.reason) return;
    const failed = a.error !== undefined || (a.status !== undefined && a.status >= 500);
    if (!failed) {
      this.inARow = 0;
      this.lastAnswer = this.now();
      return;
    }
    this.inARow++;
    this.last = `${a.method} ${a.path}: ${a.error ?? `status ${a.status}`}`;
    const quiet = this.now() - this.lastAnswer;
    if (this.inARow >= this.limits.failuresInARow) {
      // Not "Konnect failed": a wrong address or a network down fails the same way.
      this.reason = `${plural(this.inARow, 'request')} in a row failed (the last: ${this.last})`;
    } else if (this.inARow >= 2 && quiet >= this.limits.quietMs) {
      this.reason = `no answer for ${Math.round(quiet / 1000)} s (the last failure: ${this.last})`;
    }
  }

  /**
   * Every request is held until `until` because Konnect asked (its rate limit): no answer can
   * come before then, so the silence is counted from then (issue 25, item 3).
   */
  held(until: number): void {
    this.lastAnswer = Math.max(this.lastAnswer, until);
  }

  /** Why Konnect looks unreachable, once the breaker has opened; undefined while it is closed. */
  get open(): string | undefined {
    return this.reason;
  }
}
