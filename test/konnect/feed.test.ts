import { describe, expect, it } from 'vitest';
import { Feed } from '../../src/konnect/feed.js';

/** A task that finishes when told to. */
function gate() {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

const tick = () => new Promise((r) => setImmediate(r));

/** A feed whose items each wait for their gate; records the order they start in. */
function gatedFeed(width: number) {
  const gates = new Map<number, ReturnType<typeof gate>>();
  const started: number[] = [];
  const feed = new Feed<number>(width, (n) => {
    started.push(n);
    const g = gate();
    gates.set(n, g);
    return g.promise;
  });
  return { feed, gates, started };
}

describe('Feed: work added while earlier work runs', () => {
  it('runs at most `width` items at once, starts the rest as earlier ones finish, and settles when closed and drained', async () => {
    const { feed, gates, started } = gatedFeed(2);
    feed.add([1, 2, 3]);
    expect(started).toEqual([1, 2]);
    gates.get(1)!.open();
    await tick();
    expect(started).toEqual([1, 2, 3]);
    feed.add([4]);
    let settled = false;
    const done = feed.done().then(() => {
      settled = true;
    });
    gates.get(2)!.open();
    gates.get(3)!.open();
    await tick();
    expect(started).toEqual([1, 2, 3, 4]);
    expect(settled).toBe(false);
    gates.get(4)!.open();
    await done;
    expect(settled).toBe(true);
  });

  it('takes more work after running dry, until it is closed', async () => {
    const ran: number[] = [];
    const feed = new Feed<number>(1, async (n) => {
      ran.push(n);
    });
    feed.add([1]);
    await tick();
    feed.add([2]);
    await tick();
    expect(ran).toEqual([1, 2]);
    await feed.done();
    expect(() => feed.add([3])).toThrow(/after close/);
  });

  it('after a failure starts nothing more and rejects with the first failure once the running items settle', async () => {
    const { feed, gates, started } = gatedFeed(2);
    feed.add([1, 2, 3, 4]);
    gates.get(1)!.fail(new Error('first'));
    await tick();
    // Items added after the failure are dropped, not queued for ever.
    feed.add([5]);
    const done = feed.done();
    let settled = false;
    done.then(() => (settled = true), () => (settled = true));
    await tick();
    expect(started).toEqual([1, 2]);
    // Item 2 still runs: the feed waits for it before it says anything.
    expect(settled).toBe(false);
    expect((feed as unknown as { queue: unknown[] }).queue).toEqual([]);
    gates.get(2)!.fail(new Error('second'));
    await expect(done).rejects.toThrow('first');
    expect(started).toEqual([1, 2]);
  });

  it('abort: the caller failed elsewhere; queued items never start', async () => {
    const started: number[] = [];
    const g = gate();
    const feed = new Feed<number>(1, (n) => {
      started.push(n);
      return g.promise;
    });
    feed.add([1, 2]);
    feed.abort(new Error('the user list did not add up'));
    g.open();
    await expect(feed.done()).rejects.toThrow('did not add up');
    expect(started).toEqual([1]);
  });
  it('a run that throws instead of returning a promise fails the feed; it does not hang', async () => {
    const feed = new Feed<number>(2, (n) => {
      if (n === 2) throw new Error('thrown at once');
      return Promise.resolve();
    });
    feed.add([1, 2, 3]);
    await expect(feed.done()).rejects.toThrow('thrown at once');
  });
});
