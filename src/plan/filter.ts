/** Plan transformations that stay plans. */
import type { Plan } from './types.js';

/** --no-deletes: creates and updates only. */
export function withoutDeletes(plan: Plan): Plan {
  const changes = plan.changes.filter((c) => c.op !== 'delete');
  return { ...plan, changes, summary: { ...plan.summary, delete: 0 } };
}
