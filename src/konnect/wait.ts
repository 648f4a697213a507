/**
 * The client's waits: timers that all end together when the work is given up, and the
 * sentence for a wait Konnect asks for that is longer than --max-wait.
 */
import type { ServerWait } from './retry.js';

/** The longest delay a Node timer holds; beyond it Node fires after 1 ms and warns, a busy loop. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sleeps that `halt` ends at once, now and from then on. One set of wakers, not a listener per
 * sleep on an AbortSignal: dozens of requests backing off together added one each and raised
 * MaxListenersExceededWarning (issue 25, item 12e).
 */
export class Sleeper {
  private readonly wakers = new Set<() => void>();
  private halted = false;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (this.halted) return resolve();
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.min(Math.max(0, ms), MAX_TIMER_MS));
      this.wakers.add(wake);
    });

  halt(): void {
    this.halted = true;
    for (const wake of [...this.wakers]) wake();
  }
}

/** Why the client stopped, and what the user can do about it. */
export interface Halt {
  reason: string;
  advice: string;
}

/** The stop for a wait asked for that is longer than --max-wait: the wait, the header, the flag. */
export function waitTooLong(asked: ServerWait, maxWaitMs: number): Halt {
  return {
    reason: `Konnect asked to wait ${seconds(asked.ms)} (${asked.header}) before the next request, longer than --max-wait allows (${seconds(maxWaitMs)})`,
    advice: 'Wait that long, or raise --max-wait to let orgdeck wait',
  };
}

function seconds(ms: number): string {
  if (!Number.isFinite(ms) || ms >= 1e15) return 'longer than any clock can count';
  return `${Math.round(ms / 1000)} s`;
}
