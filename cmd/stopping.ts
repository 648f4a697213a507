/**
 * Stopping a sync visibly. Ctrl-C or SIGTERM, Konnect no longer answering (the client's
 * breaker), or Konnect asking for a wait longer than --max-wait, end the run between steps: no new step starts (a step starts when its first request
 * leaves the client's queue), the steps in flight finish (none is retried any more), and the
 * report says how many were applied and how many never started.
 */
import type { ApplyReport, StepResult, StepStatus } from '../src/apply/apply.js';
import { ApplyError, EXIT } from '../src/errors.js';
import type { KonnectClient } from '../src/konnect/client.js';
import type { Io } from './io.js';
import type { Progress } from './progress.js';

export interface Stopping {
  /** Why no step may start now (applyPlan asks before each), or undefined. */
  halted(): string | undefined;
  /** What the user can do about it: run again when Konnect answers, or after the wait it asked for. */
  advice(): string;
  /** Stop listening for signals. */
  dispose(): void;
  /** Set once a signal has arrived. */
  readonly interrupted: boolean;
}

export function watchForStop(client: KonnectClient, io: Io, progress: Pick<Progress, 'above'>): Stopping {
  let interrupted: string | undefined;
  const dispose =
    io.onInterrupt?.(() => {
      interrupted = 'sync was interrupted';
      // Steps queued for their first request never send it; nothing is retried.
      client.stop(interrupted);
      progress.above(() => io.stderr('Stopping: no new step starts; the steps in flight finish first (Ctrl-C again stops at once).\n'));
    }) ?? (() => {});
  return {
    halted: () => interrupted ?? client.halted?.reason,
    advice: () => client.halted?.advice ?? "Check the network and Konnect's status",
    dispose,
    get interrupted() {
      return interrupted !== undefined;
    },
  };
}

/**
 * For a run that stopped early: list what failed, say what was applied and what never started,
 * and return the exit code (130 when interrupted) or throw ApplyError (Konnect unreachable).
 * undefined when every step got its turn.
 */
export function reportStop(report: ApplyReport, counts: Record<StepStatus, number>, stopping: Stopping, io: Io, describe: (r: StepResult) => string): number | undefined {
  const notStarted = counts['not-started'];
  // The client stopped sending (Konnect unreachable, a wait longer than --max-wait): say so even
  // when every step had begun, or the reason would be lost among the failed steps.
  if (notStarted === 0 && !stopping.interrupted && stopping.halted() === undefined) return undefined;
  const failed = report.results.filter((r) => r.status === 'failed' || r.status === 'skipped');
  if (failed.length) io.stdout(`Did not succeed:\n${failed.map((r) => `  - ${describe(r)}\n`).join('')}`);
  const applied = counts.done + counts.already;
  const problems = counts.failed + counts.skipped ? ` (${counts.failed} failed, ${counts.skipped} skipped)` : '';
  if (stopping.interrupted) {
    io.stdout(`Interrupted: ${applied} applied, ${notStarted} not started${problems}. Run sync again to finish.\n`);
    return EXIT.interrupted;
  }
  const why = stopping.halted() ?? report.results.find((r) => r.status === 'not-started')?.reason ?? 'Konnect stopped answering';
  io.stdout(`Stopped: ${applied} applied, ${notStarted} not started${problems}.\n`);
  throw new ApplyError(`${why}, so sync started no further step. ${stopping.advice()}, then run sync again: it picks up where this run stopped.`);
}
