/**
 * Work that may pause: a generator that yields where it can be interrupted and returns its
 * result. The core stays pure and synchronous (`drain` runs it to the end); `cmd/` runs a large
 * file's load a few milliseconds at a time, between the answers of the reads that go out beside it.
 */
export type Steps<T> = Generator<void, T, void>;

/** Items a loop handles between two chances to pause: a few milliseconds of work at most. */
export const ITEMS_PER_STEP = 64;

export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** `f` over every item, with a chance to pause every ITEMS_PER_STEP items. */
export function* eachItem<T>(items: readonly T[], f: (item: T, i: number) => void): Steps<void> {
  for (let i = 0; i < items.length; i++) {
    f(items[i]!, i);
    if (i % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
  }
}

/** `items.map(f)`, pausing as `eachItem` does. */
export function* mapItems<T, U>(items: readonly T[], f: (item: T, i: number) => U): Steps<U[]> {
  const out: U[] = [];
  yield* eachItem(items, (x, i) => void out.push(f(x, i)));
  return out;
}
