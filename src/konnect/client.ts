/**
 * The Konnect HTTP client: bearer auth, a hard cap on requests in flight, retries of what is
 * safe to retry, pacing under Konnect's rate limit shared by every request (pacer.ts), a cap on
 * the waits Konnect may ask for (--max-wait), and problem+json → ApiError.
 * The token goes into the Authorization header and nowhere else.
 */
import { ApiError, ConnectionError, NotStartedError } from '../errors.js';
import type { Host } from '../model.js';
import { hostUrl, queryString, whereItWent } from './addr.js';
import { Breaker } from './breaker.js';
import type { ApiResponse, AttemptInfo, AttemptTag, CallOptions, ClientOptions } from './client-types.js';
import { Limiter } from './limiter.js';
import { Pacer } from './pacer.js';
import { adviceFor, describeProblem, readProblem } from './problem.js';
import { backoffMs, DEFAULT_MAX_WAIT_S, DEFAULT_RETRY, isAmbiguous, isRateLimited, MAX_RATE_LIMITED, type RetryPolicy } from './retry.js';
import { readSuccessBody } from './shape.js';
import { networkReason, type WireResponse } from './transport.js';
import { type Halt, Sleeper, waitTooLong } from './wait.js';

export type { Query } from './addr.js';
export type { ApiResponse, AttemptInfo, AttemptTag, CallOptions, ClientEvent, ClientOptions, Exchange } from './client-types.js';
export type { Halt } from './wait.js';

/** What every tagged view of a client shares: one cap on requests in flight, one rate-limit pause, one way to stop. */
interface Shared {
  limiter: Limiter;
  pacer: Pacer;
  announced: number;
  breaker: Breaker;
  sleeper: Sleeper;
  stopping?: string;
  abandoned?: string;
  /** A wait asked for was longer than --max-wait: nothing more is sent. */
  waitRefused?: Halt;
}

export class KonnectClient {
  private readonly shared: Shared;
  private readonly retry: RetryPolicy;
  private readonly maxWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private tag: AttemptTag | undefined;
  /** A tagged view is one plan step: has it sent anything yet? */
  private step: { sent: boolean } | undefined;

  constructor(private readonly opts: ClientOptions) {
    const sleeper = new Sleeper();
    this.shared = { limiter: new Limiter(opts.parallelism), pacer: new Pacer(), announced: 0, breaker: opts.breaker ?? new Breaker(undefined, opts.now), sleeper };
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.maxWaitMs = opts.maxWaitMs ?? DEFAULT_MAX_WAIT_S * 1000;
    this.sleep = opts.sleep ?? sleeper.sleep;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
  }

  /** Requests in flight at most (--parallelism). */
  get parallelism(): number {
    return this.opts.parallelism;
  }

  /** The address template requests go to (the token is never part of it). */
  get addr(): string {
    return this.opts.addr;
  }

  async call<T = unknown>(host: Host, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const idempotent = options.idempotent ?? method !== 'POST';
    const target = path + queryString(options.query);
    const url = hostUrl(this.opts.addr, host, target);
    // The deadline counts time spent on this request (answers and backoff), never time queued
    // behind other requests or held for the rate limit: a pause Konnect asked for is no fault.
    let spentMs = 0;
    let tries = 0;
    let rateLimitedAnswers = 0;
    let retrying: ((why: string) => Error) | undefined;
    for (let attempt = 1; ; attempt++) {
      const { res, failure, ms } = await this.send(method, path, url, options.body, retrying);
      const problem = res && (res.status >= 400 ? readProblem(res.status, res.text) : undefined);
      const info: AttemptInfo = { ...(this.tag ? { tag: this.tag } : {}), method, host, path, attempt, ms, ...(res ? { status: res.status } : {}), ...(failure ? { error: failure } : {}), ...(problem?.traceId ? { traceId: problem.traceId } : {}) };
      this.opts.onAttempt?.(info);
      this.opts.onExchange?.({ ...info, target, hostname: new URL(url).host, ...(options.body !== undefined ? { requestBody: JSON.stringify(options.body) } : {}), ...(res ? { responseBody: res.text, responseHeaders: res.headers } : {}) });
      // The proxy said no: the request never reached Konnect, and asking again will not help.
      if (failure && /^the proxy /.test(failure)) throw this.fail(method, path, undefined, failure, Math.max(tries, 1), '', host);
      this.shared.breaker.record({ method, path, ...(res ? { status: res.status } : {}), ...(failure ? { error: failure } : {}) });
      const rateLimited = res !== undefined && isRateLimited(res.status);
      // A 429 was refused before it was processed: it is not one of the request's tries.
      if (!rateLimited) tries++;
      // A redirect or a body that is not JSON is a ResponseError (shape.ts): never retried, never read as empty.
      if (res && res.status < 400) return { status: res.status, body: readSuccessBody(method, path, res) as T, tries };
      const ambiguous = failure !== undefined || (res !== undefined && isAmbiguous(res.status));
      const giveUp = (why: string) => this.fail(method, path, res, failure, Math.max(tries, 1), why, host);
      retrying = giveUp;
      if (!rateLimited && !ambiguous) throw giveUp('');
      if (rateLimited) {
        // The pacer holds this request (and every other) until Konnect's Retry-After.
        if (++rateLimitedAnswers >= (this.retry.maxRateLimited ?? MAX_RATE_LIMITED)) throw giveUp(` — gave up after ${rateLimitedAnswers} answers of 429: Konnect kept rate-limiting this token (is another client using it?)`);
        continue;
      }
      spentMs += ms;
      const delay = backoffMs(this.retry, tries, this.random());
      if (tries >= this.retry.maxTries) throw giveUp(tries === 1 ? '' : ` — gave up after ${tries} tries`);
      if (spentMs + delay > this.retry.deadlineMs) throw giveUp(` — gave up after ${tries} tries (retry deadline of ${Math.round(this.retry.deadlineMs / 1000)}s)`);
      if (ambiguous && !idempotent && !options.tookEffect) throw giveUp(' — not retried: the request may have taken effect');
      const stop = this.shared.stopping ?? this.halted?.reason;
      if (stop) throw giveUp(` — not retried: ${stop}${this.refusedAdvice()}`);
      this.opts.onEvent?.({ type: 'retry', method, path, why: problem ? describeProblem(problem) : (failure ?? ''), attempt: tries + 1, delayMs: delay });
      await this.sleep(delay);
      spentMs += delay;
      if (ambiguous && !idempotent && (await options.tookEffect!())) return { status: 0, body: undefined as T, tries, confirmedAfterFailure: true };
    }
  }

  /**
   * One attempt: wait for a free slot, then for the rate limit (checked as the request leaves
   * the queue, so a pause that began while it was queued holds it too), then send.
   */
  private send(method: string, path: string, url: string, body: unknown, retrying: ((why: string) => Error) | undefined): Promise<{ res?: WireResponse; failure?: string; ms: number }> {
    return this.shared.limiter.run(async () => {
      await this.waitForTurn();
      this.checkStillGoing(method, path, retrying);
      const { pacer } = this.shared;
      const t0 = this.now();
      pacer.sent();
      try {
        const res = await this.opts.transport(this.wire(method, url, body));
        pacer.answered(this.now(), res.status, res.headers);
        return { res, ms: this.now() - t0 };
      } catch (err) {
        pacer.answered(this.now(), undefined);
        return { failure: networkReason(err), ms: this.now() - t0 };
      }
    });
  }

  /**
   * The last moment before a request goes out. When Konnect is unreachable (the breaker), or
   * asked for a wait longer than --max-wait, nothing is sent. When sync is stopping, no retry is sent and no step starts: a step starts with its
   * first request leaving the queue, so a step queued before the stop sends nothing; requests of
   * steps under way (and reads) still go.
   */
  private checkStillGoing(method: string, path: string, retrying: ((why: string) => Error) | undefined): void {
    const unsentStep = this.step !== undefined && !this.step.sent;
    const stop = this.shared.abandoned ?? this.halted?.reason ?? (retrying || unsentStep ? this.shared.stopping : undefined);
    if (stop) {
      const advice = this.refusedAdvice();
      if (retrying) throw retrying(` — not retried: ${stop}${advice}`);
      if (unsentStep) throw new NotStartedError(stop);
      throw new ConnectionError(`${method} ${path} was not sent: ${stop}${advice}.`, `not sent: ${stop}`);
    }
    if (this.step) this.step.sent = true;
  }

  /** After a wait longer than --max-wait, the way out, for the sentence of every request not sent. */
  private refusedAdvice(): string {
    return this.shared.waitRefused ? `. ${this.shared.waitRefused.advice}` : '';
  }

  /** Why Konnect looks unreachable (the breaker has opened), or undefined. */
  get outage(): string | undefined {
    return this.shared.breaker.open;
  }

  /**
   * Why nothing more is sent, and the way out, or undefined: Konnect looks unreachable (the
   * breaker has opened), or asked for a wait longer than --max-wait.
   */
  get halted(): Halt | undefined {
    if (this.shared.waitRefused) return this.shared.waitRefused;
    const outage = this.shared.breaker.open;
    return outage ? { reason: outage, advice: `Check the network and Konnect's status (requests went to the address template ${this.opts.addr})` } : undefined;
  }

  /** From now on no step starts and no request is retried; requests already sent, and the rest of steps under way, finish. */
  stop(reason: string): void {
    this.shared.stopping ??= reason;
  }

  /** From now on nothing is sent at all: the work was given up (Ctrl-C while reading). Requests already sent finish. */
  abandon(reason: string): void {
    this.shared.abandoned ??= reason;
    // A rate-limit pause or a backoff would otherwise keep the process alive for nothing.
    this.shared.sleeper.halt();
  }

  /**
   * Waits out the rate-limit pause, if any. A pause longer than --max-wait stops the client
   * instead, at once: Retry-After: 3600 would hang a CI job for an hour, and 2^31 ms or more
   * overflows a Node timer into a busy loop.
   */
  private async waitForTurn(): Promise<void> {
    const { shared } = this;
    for (;;) {
      if (shared.abandoned || shared.waitRefused) return; // checkStillGoing says why nothing is sent
      const now = this.now();
      const hold = shared.pacer.holdFor(now);
      if (!hold) return;
      if (hold.until - now > this.maxWaitMs) {
        shared.waitRefused = waitTooLong(hold.asked, this.maxWaitMs);
        shared.sleeper.halt();
        return;
      }
      if (hold.until !== shared.announced) {
        shared.announced = hold.until;
        shared.breaker.held(hold.until);
        this.opts.onEvent?.({ type: 'hold', reason: hold.reason, until: hold.until, now });
      }
      await this.sleep(hold.until - now);
    }
  }

  /** The same client (same cap, same pause), its attempts reported as part of `tag`. */
  tagged(tag: AttemptTag): KonnectClient {
    const view = Object.create(this) as KonnectClient;
    view.tag = tag;
    view.step = { sent: false };
    return view;
  }

  private wire(method: string, url: string, body: unknown) {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.opts.token}`,
      accept: 'application/json, application/problem+json',
      'user-agent': this.opts.userAgent ?? 'orgdeck',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return { method, url, headers, timeoutMs: this.opts.timeoutMs, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) };
  }

  private fail(method: string, path: string, res: WireResponse | undefined, failure: string | undefined, tries: number, why: string, host: Host): Error {
    if (!res) return new ConnectionError(`${method} ${path} failed: ${failure}${why}. Check the network and the Konnect address. ${whereItWent(this.opts.addr, host)}`, `${failure}${why}`);
    const problem = readProblem(res.status, res.text);
    const summary = `${describeProblem(problem)}${why}`;
    return new ApiError(`${method} ${path} failed: ${summary}.${adviceFor(res.status, this.opts.tokenSource)}`, method, path, problem, tries, summary);
  }
}
