/**
 * One full garbage collection between parsing a large state file and reading the organization.
 * Parsing org-10k's 3.5 MB of YAML makes about 30 MB of objects (tokens, the document) that live
 * while the parse runs, so they outlive the young generation and land in the old one, and are
 * garbage once the state is normalized. V8 frees old-generation garbage only when that
 * generation reaches the limit it set at its previous full collection: when that one ran before
 * the parse was done (as it does in the bundled bin, which starts sooner), the limit lies above
 * the whole diff and the garbage stays to the end, on top of the peak: 200 MB instead of 173 MB
 * on org-10k. Collecting here costs ~30 ms of CPU, so only for files this large.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Source } from '../src/file/source.js';

/** State files at least this large, all together, leave garbage worth a full collection. */
export const COLLECT_FROM_BYTES = 1024 * 1024;

let gc: (() => void) | undefined;

/** Collects the garbage of parsing `sources` now, when they were large; whether it did. */
export function collectParseGarbage(sources: readonly Source[], collect: () => void = collectFully): boolean {
  if (sources.reduce((bytes, s) => bytes + s.size, 0) < COLLECT_FROM_BYTES) return false;
  collect();
  return true;
}

/** V8's own full collection: exposed for a moment to a context of its own, which hands it out. */
function collectFully(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
  }
  gc();
}
