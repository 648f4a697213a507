/**
 * Virtual time for tests of waiting logic: `sleep` parks a promise on a timer list, and `run`
 * lets every pending promise settle, then jumps the clock to the next timer. No wall time
 * passes, so the tests do not depend on the machine's speed.
 */
export class VirtualTime {
  now = 0;
  private timers: { at: number; seq: number; wake: () => void }[] = [];
  private seq = 0;

  readonly clock = (): number => this.now;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((wake) => {
      this.timers.push({ at: this.now + Math.max(0, ms), seq: this.seq++, wake });
    });

  /** Runs `work` to completion in virtual time; throws if it waits on something that is not a timer. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const result = work.finally(() => {
      done = true;
    });
    result.catch(() => {});
    for (;;) {
      await settle();
      if (done) return result;
      if (this.timers.length === 0) throw new Error('virtual time: stuck (nothing left to wake)');
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.now = Math.max(this.now, next.at);
      next.wake();
    }
  }
}

/** Let every promise chain that can move, move. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
