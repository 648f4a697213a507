/** A diff of a large state file collects the parse's garbage before it reads the org (cmd/parse-garbage.ts says why). */
import { describe, expect, it, vi } from 'vitest';
import { COLLECT_FROM_BYTES, collectParseGarbage } from '../../cmd/parse-garbage.js';
import type { Source } from '../../src/file/source.js';

const sized = (...sizes: number[]): Source[] => sizes.map((size, i) => ({ name: `f${i}.yaml`, bytes: new Uint8Array(0), size }));

describe('collectParseGarbage', () => {
  it('collects once the files together reach the threshold, not below it', () => {
    const collect = vi.fn();
    expect(collectParseGarbage(sized(COLLECT_FROM_BYTES - 1), collect)).toBe(false);
    expect(collectParseGarbage(sized(COLLECT_FROM_BYTES / 2, COLLECT_FROM_BYTES / 2 - 1), collect)).toBe(false);
    expect(collect).not.toHaveBeenCalled();
    expect(collectParseGarbage(sized(COLLECT_FROM_BYTES / 2, COLLECT_FROM_BYTES / 2), collect)).toBe(true);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it("runs V8's full collection, twice in one process too", () => {
    expect(collectParseGarbage(sized(COLLECT_FROM_BYTES))).toBe(true);
    expect(collectParseGarbage(sized(COLLECT_FROM_BYTES))).toBe(true);
    // The flag that exposed it is off again: this context has no gc of its own.
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
