/**
 * Ctrl-C while a command is still reading (the files, the organization): nothing has been
 * written yet, so the run ends at once and says so, instead of dying silently with the prompt
 * left on the progress line.
 */
import type { Io } from './io.js';
import type { Progress } from './progress.js';

/** Ends a run with exit 130; run() prints the message. */
export class InterruptedError extends Error {}

/**
 * `work`, unless Ctrl-C (or SIGTERM) comes first: then the progress line is taken away and the
 * run ends with "Interrupted: nothing was <what>". The reads still in flight are abandoned;
 * the binary exits without waiting for them.
 */
export async function unlessInterrupted<T>(io: Io, progress: Pick<Progress, 'stop'>, what: 'changed' | 'written', work: Promise<T>): Promise<T> {
  let dispose = () => {};
  const interrupted = new Promise<never>((_, reject) => {
    dispose =
      io.onInterrupt?.(() => {
        progress.stop();
        reject(new InterruptedError(`Interrupted: nothing was ${what}.`));
      }) ?? dispose;
  });
  try {
    return await Promise.race([work, interrupted]);
  } finally {
    dispose();
  }
}
