/**
 * Execute a plan: each change starts as soon as what it depends on is done (schedule.ts: its
 * depends_on, and the earlier levels of plan/order.ts for the same person or team), and the
 * client's limiter caps what is in flight. A failed change does not stop the others; the changes
 * that depend on it are skipped. Nothing here prints: progress goes to `onResult`.
 */
import { ApiError, ConnectionError, NotStartedError, ResponseError, StepError } from '../errors.js';
import { type Change, changeId, type Plan } from '../plan/types.js';
import { type ExecContext, execute } from './executors.js';
import { Schedule } from './schedule.js';
import { findEventually } from '../konnect/actions.js';
import { InvitedUsers } from '../konnect/invited.js';

/** not-started: sync stopped (interrupted, Konnect unreachable) before this step sent anything. */
export type StepStatus = 'done' | 'already' | 'failed' | 'skipped' | 'not-started';

export interface StepResult {
  change: Change;
  status: StepStatus;
  /** failed: the API's status, detail and trace id; skipped: which change it waited for. */
  reason?: string;
}

export interface ApplyReport {
  results: StepResult[];
}

export async function applyPlan(plan: Plan, given: ExecContext, onResult: (r: StepResult) => void = () => {}): Promise<ApplyReport> {
  // Invites finish together (nothing waits for them to start): their users' ids are found together.
  const ctx: ExecContext = { ...given, invited: given.invited ?? new InvitedUsers(given.client, plan.pending.length, (email) => findEventually(given.client, email)) };
  const outcome = new Map<string, StepStatus>();
  const results: StepResult[] = [];
  const schedule = new Schedule(plan.changes);
  const finish = (r: StepResult) => {
    outcome.set(changeId(r.change), r.status);
    results.push(r);
    onResult(r);
  };
  const step = async (change: Change): Promise<void> => {
    const blocker = (change.depends_on ?? []).find((d) => outcome.get(d) === 'failed' || outcome.get(d) === 'skipped');
    if (blocker) return finish({ change, status: 'skipped', reason: `waits for "${blocker}", which did not succeed` });
    const halted = ctx.halted?.();
    if (halted !== undefined) return finish({ change, status: 'not-started', reason: halted });
    try {
      finish({ change, status: await execute(change, ctx) });
    } catch (err) {
      // Stopped while this step waited for its first request to go out: it sent nothing.
      if (err instanceof NotStartedError) return finish({ change, status: 'not-started', reason: err.message });
      if (!(err instanceof ApiError || err instanceof ConnectionError || err instanceof StepError || err instanceof ResponseError)) throw err;
      finish({ change, status: 'failed', reason: err.summary });
    }
  };
  await new Promise<void>((resolve, reject) => {
    let running = 0;
    const start = (change: Change) => {
      running++;
      step(change).then(() => {
        // What this change unblocks starts before it counts as no longer running.
        for (const next of schedule.finish(change)) start(next);
        if (--running === 0) resolve();
      }, reject);
    };
    const first = schedule.ready();
    if (first.length === 0) resolve();
    for (const change of first) start(change);
  });
  if (!schedule.complete) throw new Error('internal: the plan\'s dependencies form a cycle; some changes never started');
  return { results };
}

export function countResults(report: ApplyReport): Record<StepStatus, number> {
  const counts: Record<StepStatus, number> = { done: 0, already: 0, failed: 0, skipped: 0, 'not-started': 0 };
  for (const r of report.results) counts[r.status]++;
  return counts;
}
