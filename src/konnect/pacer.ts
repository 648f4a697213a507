/**
 * Pacing under Konnect's rate limit, shared by every request of a client. Pure: the client
 * passes the clock in, so the logic is tested without waiting.
 *
 * Konnect (Kong's rate-limiting plugin) counts requests per token in a fixed window and says on
 * every answer how many are left (`RateLimit-Remaining`) and when the window ends
 * (`RateLimit-Reset`, seconds). The pacer keeps an estimate of what is left, spends it as
 * requests leave the queue, and when it runs out holds every request until the window ends:
 * a full window's worth goes out as fast as the cap on requests in flight allows, and no 429 is
 * needed to find the limit. A 429 (someone else spending the same token) pauses everyone until
 * its `Retry-After`.
 */
import { type ServerWait, serverWait } from './retry.js';

/** Why requests are held, until when (ms on the client's clock), and the wait Konnect asked for. */
export interface Hold {
  reason: 'rate-limit';
  until: number;
  asked: ServerWait;
}

/** A window's end computed from two answers differs by the rounding of Reset to whole seconds. */
const SAME_WINDOW_SLACK_MS = 1500;
/** When a 429 carries no hint: wait this long before trying again. */
const DEFAULT_429_WAIT_MS = 1000;

export class Pacer {
  /** Requests the server still accepts in its current window (Infinity: not told). */
  private remaining = Number.POSITIVE_INFINITY;
  /** When the server's current window ends; known only once an answer said so. */
  private windowEndsAt = 0;
  /** After a 429: nobody sends before this. */
  private pausedUntil = 0;
  /** What set pausedUntil, and windowEndsAt: the waits asked for, for --max-wait's sentence. */
  private pauseAsked: ServerWait = { ms: 0, header: 'Retry-After' };
  private windowAsked: ServerWait = { ms: 0, header: 'RateLimit-Reset' };
  private inFlight = 0;

  /** How long a request leaving the queue at `now` must wait before it is sent; 0: send now. */
  holdFor(now: number): Hold | undefined {
    if (this.pausedUntil > now) return { reason: 'rate-limit', until: this.pausedUntil, asked: this.pauseAsked };
    if (this.remaining > 0) return undefined;
    if (now >= this.windowEndsAt) {
      // The window has ended: a fresh budget, which the next answers will state.
      this.remaining = Number.POSITIVE_INFINITY;
      return undefined;
    }
    return { reason: 'rate-limit', until: this.windowEndsAt, asked: this.windowAsked };
  }

  /** A request went out. */
  sent(): void {
    this.remaining--;
    this.inFlight++;
  }

  /** Its answer (or undefined: no answer, a network failure) came back at `now`. */
  answered(now: number, status: number | undefined, headers: Readonly<Record<string, string>> = {}): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (status === 429) {
      const asked = serverWait(headers, now) ?? { ms: DEFAULT_429_WAIT_MS, header: 'Retry-After' };
      const until = now + Math.max(0, asked.ms);
      if (until >= this.pausedUntil) [this.pausedUntil, this.pauseAsked] = [until, asked];
      this.remaining = 0;
      if (until >= this.windowEndsAt) [this.windowEndsAt, this.windowAsked] = [until, asked];
      return;
    }
    const left = headerInt(headers, 'ratelimit-remaining') ?? headerInt(headers, 'x-ratelimit-remaining-minute');
    if (left === undefined) return;
    const reset = headerInt(headers, 'ratelimit-reset');
    const asked: ServerWait = { ms: Math.max(1, reset ?? 60) * 1000, header: 'RateLimit-Reset' };
    const endsAt = now + asked.ms;
    // Requests still in flight may not be counted in this answer yet: count them as spent.
    const estimate = left - this.inFlight;
    const newWindow = now >= this.windowEndsAt || endsAt > this.windowEndsAt + SAME_WINDOW_SLACK_MS;
    if (newWindow || endsAt < this.windowEndsAt) [this.windowEndsAt, this.windowAsked] = [endsAt, asked];
    // Answers arrive out of order: the lowest count and the earliest end are the surest.
    this.remaining = newWindow ? estimate : Math.min(this.remaining, estimate);
  }
}

function headerInt(headers: Readonly<Record<string, string>>, name: string): number | undefined {
  const v = headers[name];
  return v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
}
