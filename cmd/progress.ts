/**
 * The progress line on stderr: what dump, diff and sync are doing, from the engine's events.
 * On a terminal, one line updated in place; elsewhere (CI logs), a plain line at most every
 * 10 seconds. Never on stdout, which may carry a dump or a plan. The clock is injected so the
 * rendering is tested without waiting.
 */
import type { OnProgress, ProgressEvent, ReadPart } from '../src/progress.js';

export interface ProgressOptions {
  write: (text: string) => void;
  tty: boolean;
  now: () => number;
}

/** Redraw a terminal line at most this often (events can come thousands a second). */
const TTY_EVERY_MS = 200;
/** In a log, one line at most this often. */
export const LOG_EVERY_MS = 10_000;
/** A retry stays on the line this long after it happened. */
const RETRY_SHOWN_MS = 5_000;

const PART_NAMES: Record<ReadPart, string> = { users: 'users', teams: 'teams', memberships: 'team members', grants: 'grants' };

export class ProgressLine {
  private readonly read = new Map<ReadPart, { done: number; total: number; growing?: true }>();
  private apply: { done: number; total: number; since: number; requestsAtStart: number } | undefined;
  private requests = 0;
  private holdUntil = 0;
  private retry: { text: string; at: number } | undefined;
  private shown = '';
  private drawnAt: number;
  private stopped = false;

  constructor(private readonly opts: ProgressOptions) {
    // A log gets its first line only after a quiet stretch: short commands print none.
    this.drawnAt = opts.now();
  }

  readonly onEvent: OnProgress = (e: ProgressEvent) => {
    const now = this.opts.now();
    if (e.type === 'read') this.read.set(e.part, { done: e.done, total: e.total, ...(e.growing ? { growing: e.growing } : {}) });
    else if (e.type === 'apply') this.apply = this.apply ? { ...this.apply, done: e.done, total: e.total } : { done: e.done, total: e.total, since: now, requestsAtStart: this.requests };
    else if (e.type === 'hold') this.holdUntil = Math.max(this.holdUntil, e.until - e.now + now);
    else this.retry = { text: `retrying ${e.method} ${e.path} (${e.why || 'no answer'}), try ${e.attempt}`, at: now };
    // Waiting is news: say it at once on a terminal.
    this.tick(e.type === 'hold' || e.type === 'retry');
  };

  /** One request was answered (for requests/s). */
  readonly onRequest = (): void => {
    this.requests++;
  };

  /** Called every second by a timer (and by every event): redraw if it is time. */
  tick(urgent = false): void {
    if (this.stopped) return;
    const now = this.opts.now();
    // Too soon to draw: decided before the line is built, since events come one per answer and
    // building it (numbers formatted for every part) cost more than the answer's own bookkeeping.
    // The first line on a terminal shows at once; after that, at most every TTY_EVERY_MS unless urgent.
    if (this.opts.tty ? this.shown && !urgent && now - this.drawnAt < TTY_EVERY_MS : now - this.drawnAt < LOG_EVERY_MS) return;
    const line = this.line(now);
    if (!line || (this.opts.tty && line === this.shown)) return;
    this.opts.write(this.opts.tty ? `\r\u001b[2K${line}` : `${line}\n`);
    this.shown = line;
    this.drawnAt = now;
  }

  /** Write something else to the terminal without mixing it into the line. */
  above(write: () => void): void {
    if (this.opts.tty && this.shown) this.opts.write('\r\u001b[2K');
    write();
    if (this.opts.tty && this.shown) {
      this.opts.write(`\r\u001b[2K${this.shown}`);
    }
  }

  /** Between phases (a plan to print, a question to ask): take the line away until there is news. */
  pause(): void {
    if (this.opts.tty && this.shown) this.opts.write('\r\u001b[2K');
    this.shown = '';
    this.read.clear();
    this.retry = undefined;
  }

  /** The command is done: take the line away. */
  stop(): void {
    if (this.opts.tty && this.shown) this.opts.write('\r\u001b[2K');
    this.stopped = true;
    this.shown = '';
  }

  /** The line for the current state; '' when there is nothing to say yet. */
  line(now: number): string {
    const parts: string[] = [];
    if (this.apply) {
      const { done, total, since, requestsAtStart } = this.apply;
      const seconds = (now - since) / 1000;
      parts.push(`applying ${count(done)}/${count(total)} changes`);
      if (seconds >= 1) {
        parts.push(`${Math.round((this.requests - requestsAtStart) / seconds)} requests/s`);
        if (done > 0 && done < total) parts.push(`about ${duration(((total - done) * seconds) / done)} left`);
      }
    } else if (this.read.size > 0) {
      parts.push(`reading ${[...this.read].map(([part, c]) => `${PART_NAMES[part]} ${readCount(c)}`).join(', ')}`);
    }
    if (this.holdUntil > now) parts.push(`rate-limited by Konnect, resuming in ${Math.ceil((this.holdUntil - now) / 1000)} s`);
    else if (this.retry && now - this.retry.at < RETRY_SHOWN_MS) parts.push(this.retry.text);
    return parts.join(' · ');
  }
}

/** "1,200/3,400" once the total is known; while reads are still being found, the total so far is a floor. */
function readCount(c: { done: number; total: number; growing?: true }): string {
  return c.growing ? `${count(c.done)} of at least ${count(c.total)}` : `${count(c.done)}/${count(c.total)}`;
}

/** Made once, when first drawn: toLocaleString builds a formatter on every call, and making one costs a quiet run about 10 ms. */
let EN_US: Intl.NumberFormat | undefined;

function count(n: number): string {
  EN_US ??= new Intl.NumberFormat('en-US');
  return EN_US.format(n);
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  return `${Math.round(seconds / 60)} min`;
}

/** No progress at all (--quiet): the same calls, nothing written. */
export const SILENT: Progress = { onEvent: () => {}, onRequest: () => {}, above: (write) => write(), pause: () => {}, stop: () => {} };

export type Progress = Pick<ProgressLine, 'onEvent' | 'onRequest' | 'above' | 'pause' | 'stop'>;

/** The progress line of one command on stderr, redrawn every second until `stop`. */
export function startProgress(write: (text: string) => void, tty: boolean, quiet: boolean): Progress {
  if (quiet) return SILENT;
  const line = new ProgressLine({ write, tty, now: Date.now });
  const timer = setInterval(() => line.tick(), 1000);
  timer.unref();
  return {
    onEvent: line.onEvent,
    onRequest: line.onRequest,
    above: (w) => line.above(w),
    pause: () => line.pause(),
    stop: () => {
      clearInterval(timer);
      line.stop();
    },
  };
}
