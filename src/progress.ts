/**
 * What the engine reports while it works, as values: the engine never prints; a renderer in
 * cmd/ turns these into a line a person can follow.
 */
import type { ClientEvent } from './konnect/client.js';

/** Parts of the live organization being read; `done`/`total` count what the part is made of. */
export type ReadPart = 'users' | 'teams' | 'memberships' | 'grants';

export type ProgressEvent =
  /** `growing`: more reads of the part may still be found, so `total` is a floor, not the total. */
  | { type: 'read'; part: ReadPart; done: number; total: number; growing?: true }
  | { type: 'apply'; done: number; total: number }
  | ClientEvent;

export type OnProgress = (e: ProgressEvent) => void;

/**
 * Counts finished reads of a part whose reads are found while other lists are read (one read of
 * grants per user on the user list's pages). Its total is reported as growing until each of the
 * `lists` that name the reads has been read whole: then it is the total.
 */
export function countFoundReads(part: ReadPart, onProgress: OnProgress, lists: number): { grow: () => void; step: () => void; listRead: () => void } {
  let done = 0;
  let total = 0;
  let open = lists;
  const report = () => onProgress({ type: 'read', part, done, total, ...(open > 0 ? { growing: true as const } : {}) });
  return {
    grow: () => void total++,
    step: () => {
      done++;
      report();
    },
    listRead: () => {
      open--;
      if (total > 0) report();
    },
  };
}
