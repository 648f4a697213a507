/** desired + live → plan. Pure; refuses (ResolveError) rather than guess, and carries what sync would refuse. */
import { ResolveError } from '../errors.js';
import type { LiveState } from '../live.js';
import type { DesiredState } from '../model.js';
import { compareChanges } from '../plan/order.js';
import { withPreconditions } from '../plan/preconditions.js';
import { againstLive } from '../plan/complete.js';
import { type Change, type PendingNames, type Plan, type PlanNote, PLAN_FORMAT_VERSION } from '../plan/types.js';
import { diffGrants, diffMemberships } from './access.js';
import { diffSystemAccounts, konnectManagedNote } from './accounts.js';
import { buildContext } from './context.js';
import { leaveMembershipToIdp } from './idp.js';
import { addHandoverDependencies } from './handover.js';
import { diffIdpGroups } from './idp-groups.js';
import { diffInvitations } from './invitations.js';
import { diffTeams, diffUsers } from './people.js';

export interface PlanOptions {
  /** The clock, as a value: invitation ages and resends are measured against it. */
  now?: Date;
}

export function buildPlan(desired: DesiredState, live: LiveState, opts: PlanOptions = {}): Plan {
  const ctx = buildContext(desired, live);
  const pending: string[] = [];
  const pendingNames: PendingNames[] = [];
  diffUsers(ctx, pending, pendingNames);
  diffTeams(ctx);
  diffSystemAccounts(ctx);
  diffMemberships(ctx);
  diffGrants(ctx);
  const idpNotes = diffIdpGroups(ctx);
  const invitations = diffInvitations(ctx, pending.sort(), opts.now);
  if (ctx.problems.length > 0) throw new ResolveError([...new Set(ctx.problems)]);
  const left = leaveMembershipToIdp(ctx.changes, live);
  const changes = withPreconditions(addHandoverDependencies(left.changes).sort(compareChanges));
  const plan = planOf(changes, pending, [...left.notes, ...idpNotes, ...konnectManagedNote(ctx)], pendingNames.sort((a, b) => (a.email < b.email ? -1 : 1)));
  return againstLive(invitations.length ? { ...plan, invitations } : plan, live, desired.info.guards);
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

