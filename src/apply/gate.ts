/**
 * Where a sync stops between steps. A step takes one of `slots` places before it sends anything
 * (as many as requests may be in flight: a step sends one request at a time, so this costs no
 * speed), so a step waiting for a place has sent nothing. Once `halted()` gives a reason (an
 * interrupt, Konnect unreachable), no step starts: those in flight finish, the rest are "not
 * started", and a re-run picks them up.
 */
export class StepGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly slots: number,
    private readonly halted: () => string | undefined,
  ) {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError('slots must be a positive integer');
  }

  /** Waits for a place. undefined: go, and call `leave()` when done; a reason: do not start. */
  async enter(): Promise<string | undefined> {
    while (this.running >= this.slots && this.halted() === undefined) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const reason = this.halted();
    if (reason !== undefined) {
      this.wake();
      return reason;
    }
    this.running++;
    return undefined;
  }

  leave(): void {
    this.running--;
    this.waiting.shift()?.();
  }

  /** The reason to stop has just appeared: let every waiting step find out now. */
  wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
