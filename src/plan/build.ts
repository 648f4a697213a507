/** desired + live → plan: the diff's changes in order, with their preconditions, judged against the live org. Pure. */
import { type DiffOptions, diffStates } from '../diff/diff.js';
import { keepTouched, type Targets } from '../diff/targets.js';
import type { LiveState } from '../live.js';
import type { DesiredState } from '../model.js';
import { againstLive } from './complete.js';
import { compareChanges } from './order.js';
import { withPreconditions } from './preconditions.js';
import { type Change, type PendingNames, type Plan, type PlanNote, PLAN_FORMAT_VERSION } from './types.js';

export interface PlanOptions extends DiffOptions {
  /** A targeted plan (`diff --base`): only changes of these principals and teams, and what they depend on. */
  targets?: Targets;
}

export function buildPlan(desired: DesiredState, live: LiveState, opts: PlanOptions = {}): Plan {
  const found = targeted(diffStates(desired, live, opts), opts.targets);
  const changes = withPreconditions(found.changes.sort(compareChanges));
  const plan: Plan = {
    ...planOf(changes, found.pending, found.notes, found.pendingNames),
    ...(found.invitations.length ? { invitations: found.invitations } : {}),
    ...(found.expiring.length ? { expiring: found.expiring } : {}),
  };
  return againstLive(plan, live, desired.info.guards);
}

/** What a targeted plan reports: the touched changes, and the pending people among its targets. */
function targeted(found: ReturnType<typeof diffStates>, targets: Targets | undefined): ReturnType<typeof diffStates> {
  if (!targets) return found;
  const mine = (x: string | { email: string }) => targets.emails.has(typeof x === 'string' ? x : x.email);
  return {
    changes: keepTouched(found.changes, targets),
    pending: found.pending.filter(mine),
    pendingNames: found.pendingNames.filter(mine),
    notes: found.notes,
    invitations: found.invitations.filter(mine),
    expiring: found.expiring.filter(({ holder: h }) => (h.kind === 'user' ? targets.emails : h.kind === 'team' ? targets.teams : targets.accounts).has(h.key)),
  };
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
