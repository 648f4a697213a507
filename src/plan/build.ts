/** desired + live → plan: the diff's changes in order, with their preconditions, judged against the live org. Pure. */
import { type DiffOptions, diffStates } from '../diff/diff.js';
import type { LiveState } from '../live.js';
import type { DesiredState } from '../model.js';
import { againstLive } from './complete.js';
import { compareChanges } from './order.js';
import { withPreconditions } from './preconditions.js';
import { type Change, type PendingNames, type Plan, type PlanNote, PLAN_FORMAT_VERSION } from './types.js';

export function buildPlan(desired: DesiredState, live: LiveState, opts: DiffOptions = {}): Plan {
  const found = diffStates(desired, live, opts);
  const changes = withPreconditions(found.changes.sort(compareChanges));
  const plan: Plan = {
    ...planOf(changes, found.pending, found.notes, found.pendingNames),
    ...(found.invitations.length ? { invitations: found.invitations } : {}),
    ...(found.expiring.length ? { expiring: found.expiring } : {}),
  };
  return againstLive(plan, live, desired.info.guards);
}

/** A plan of these changes, counted; refusals still to be computed against a live org. */
export function planOf(changes: Change[], pending: string[], notes: PlanNote[] = [], pendingNames: PendingNames[] = []): Plan {
  const count = (op: string) => changes.filter((c) => c.op === op).length;
  return {
    format_version: PLAN_FORMAT_VERSION,
    summary: { create: count('create'), update: count('update'), delete: count('delete') },
    refusals: [],
    changes,
    pending,
    ...(pendingNames.length ? { pending_names: pendingNames } : {}),
    ...(notes.length ? { notes } : {}),
  };
}
