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
 * run ends with "Interrupted: nothing was <what>". `giveUp` stops the client: no read is sent
 * after the signal (those in flight finish, unwaited for), and the binary exits at once.
 */
export async function unlessInterrupted<T>(io: Io, progress: Pick<Progress, 'stop'>, what: 'changed' | 'written', work: Promise<T>, giveUp: () => void = () => {}): Promise<T> {
  let dispose = () => {};
  const interrupted = new Promise<never>((_, reject) => {
    dispose =
      io.onInterrupt?.(() => {
        progress.stop();
        giveUp();
        reject(new InterruptedError(`Interrupted: nothing was ${what}.`));
      }) ?? dispose;
  });
  try {
    return await Promise.race([work, interrupted]);
  } finally {
    dispose();
  }
}
