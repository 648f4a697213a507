/**
 * Reproducible fault injection. Every Konnect request draws exactly three numbers from a
 * seeded PRNG when it arrives, whatever happens next, so the same seed and the same request
 * sequence give the same faults.
 */
export interface Fault {
  /** An error status (problem+json), or a connection reset. */
  answer: 500 | 502 | 503 | 'reset';
  /** The request is carried out first, then answered with the fault. */
  afterWrite: boolean;
  /** A 5xx also carries Retry-After (the seconds left in the rate-limit window), as a gateway that stamps it on every error would. */
  retryAfter?: boolean;
}

/** mulberry32: tiny, fast, good enough for test schedules (not for secrets). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = [500, 502, 503, 'reset'] as const;

export class FaultInjector {
  private readonly random: () => number;

  constructor(
    private readonly rate: number,
    seed: number,
    private readonly retryAfter = false,
  ) {
    this.random = mulberry32(seed);
  }

  /** The fault for the next request, if any. Writes fail after taking effect about half the time. */
  next(isWrite: boolean): Fault | undefined {
    const [hit, which, when] = [this.random(), this.random(), this.random()];
    if (hit >= this.rate) return undefined;
    const answer = KINDS[Math.min(KINDS.length - 1, Math.floor(which * KINDS.length))]!;
    return { answer, afterWrite: isWrite && when < 0.5, ...(this.retryAfter ? { retryAfter: true } : {}) };
  }
}
