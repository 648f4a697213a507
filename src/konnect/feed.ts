/**
 * Work that arrives while earlier work runs: reads of users' roles are added as the pages of the
 * user list come in, so the requests of the second stage start before the first stage ends.
 * At most `width` items run at once; the rest wait here as plain values, not as thousands of
 * promises queued at the client (which at org-10k size cost tens of megabytes).
 */
export class Feed<T> {
  private readonly queue: T[] = [];
  private running = 0;
  private closed = false;
  private failure: { error: unknown } | undefined;
  private settle: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  private readonly finished: Promise<void>;

  constructor(private readonly width: number, private readonly run: (item: T) => Promise<void>) {
    if (!Number.isInteger(width) || width < 1) throw new RangeError('width must be a positive integer');
    this.finished = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // A failure is reported by done(); until someone awaits it, it is not an unhandled rejection.
    this.finished.catch(() => {});
  }

  /** Queue items; after a failure they are dropped (they would never start). */
  add(items: Iterable<T>): void {
    if (this.closed) throw new Error('Feed: add after close');
    if (this.failure) return;
    for (const item of items) this.queue.push(item);
    this.pump();
  }

  /** No more items will be added: settles once every item has (rejecting with the first failure). */
  done(): Promise<void> {
    this.closed = true;
    this.pump();
    return this.finished;
  }

  /** Start nothing more; done() rejects with `error` once the items under way settle. */
  abort(error: unknown): void {
    this.failure ??= { error };
    this.queue.length = 0;
    this.pump();
  }

  private pump(): void {
    while (!this.failure && this.running < this.width && this.queue.length > 0) {
      const item = this.queue.shift()!;
      this.running++;
      // A run that throws before returning its promise is a failure like any other.
      let started: Promise<void>;
      try {
        started = this.run(item);
      } catch (error) {
        started = Promise.reject(error);
      }
      started.then(
        () => this.finish(),
        (error: unknown) => {
          this.failure ??= { error };
          this.queue.length = 0;
          this.finish();
        },
      );
    }
    if (this.running > 0 || !(this.closed || this.failure)) return;
    if (this.failure) this.settle!.reject(this.failure.error);
    else if (this.queue.length === 0) this.settle!.resolve();
  }

  private finish(): void {
    this.running--;
    this.pump();
  }
}
