/**
 * Execute a plan level by level (plan/order.ts). Within a level every change starts at once and
 * the client's limiter caps what is in flight. A failed change does not stop the others; the
 * changes that depend on it are skipped. Nothing here prints: progress goes to `onResult`.
 */
import { ApiError, ConnectionError, ResponseError, StepError } from '../errors.js';
import { LEVELS } from '../plan/order.js';
import { type Change, changeId, type Plan } from '../plan/types.js';
import { type ExecContext, execute } from './executors.js';

export type StepStatus = 'done' | 'already' | 'failed' | 'skipped';

export interface StepResult {
  change: Change;
  status: StepStatus;
  /** failed: the API's status, detail and trace id; skipped: which change it waited for. */
  reason?: string;
}

export interface ApplyReport {
  results: StepResult[];
}

export async function applyPlan(plan: Plan, ctx: ExecContext, onResult: (r: StepResult) => void = () => {}): Promise<ApplyReport> {
  const outcome = new Map<string, StepStatus>();
  const results: StepResult[] = [];
  const finish = (r: StepResult) => {
    outcome.set(changeId(r.change), r.status);
    results.push(r);
    onResult(r);
  };
  for (const level of LEVELS) {
    const here = plan.changes.filter((c) => level.some(([op, kind]) => c.op === op && c.kind === kind));
    await Promise.all(here.map(async (change) => {
      const blocker = (change.depends_on ?? []).find((d) => outcome.get(d) === 'failed' || outcome.get(d) === 'skipped');
      if (blocker) return finish({ change, status: 'skipped', reason: `waits for "${blocker}", which did not succeed` });
      try {
        finish({ change, status: await execute(change, ctx) });
      } catch (err) {
        if (!(err instanceof ApiError || err instanceof ConnectionError || err instanceof StepError || err instanceof ResponseError)) throw err;
        finish({ change, status: 'failed', reason: err.summary });
      }
    }));
  }
  return { results };
}

export function countResults(report: ApplyReport): Record<StepStatus, number> {
  const counts: Record<StepStatus, number> = { done: 0, already: 0, failed: 0, skipped: 0 };
  for (const r of report.results) counts[r.status]++;
  return counts;
}
