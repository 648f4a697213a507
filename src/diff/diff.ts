/**
 * desired + live → the differences between them. Pure; refuses (ResolveError) rather than
 * guess. Ordering them and judging them against the live org is the plan's work
 * (src/plan/build.ts).
 */
import { ResolveError } from '../errors.js';
import type { Change, ExpiringAccess, PendingInvitation, PendingNames, PlanNote } from '../change.js';
import type { LiveState } from '../live.js';
import type { DesiredState } from '../model.js';
import { diffGrants, diffMemberships } from './access.js';
import { diffSystemAccounts, konnectManagedNote } from './accounts.js';
import { buildContext } from './context.js';
import { principalSets } from './principals.js';
import { leaveMembershipToIdp } from './idp.js';
import { addHandoverDependencies } from './handover.js';
import { diffIdpGroups } from './idp-groups.js';
import { diffInvitations } from './invitations.js';
import { findExpiring } from './expiring.js';
import { diffTeams, diffUsers } from './people.js';
import { findRenames } from './renames.js';

export interface DiffOptions {
  /**
   * The clock, as a value: invitation ages and resends are measured against it, and access whose
   * `expires` has passed is planned as a removal. Without one nothing expires: every command
   * that plans passes one (cmd/pipeline.ts).
   */
  now?: Date;
  /** With `now`: list access that expires within this many ms of it (diff --expiring-within). */
  expiringWithinMs?: number;
}

/** What the diff finds: the changes (in no particular order) and what it reports beside them. */
export interface Differences {
  changes: Change[];
  /** Users in the file who were invited and have not accepted yet, sorted. */
  pending: string[];
  /** Sorted by email. */
  pendingNames: PendingNames[];
  notes: PlanNote[];
  invitations: PendingInvitation[];
  /** Access expiring within opts.expiringWithinMs, soonest first; empty without a clock or a window. */
  expiring: ExpiringAccess[];
}

export function diffStates(desired: DesiredState, liveAsRead: LiveState, opts: DiffOptions = {}): Differences {
  const renames = findRenames(desired, liveAsRead);
  if (renames.problems.length > 0) throw new ResolveError(renames.problems);
  const live = renames.live;
  const ctx = buildContext(desired, live, { renamedTeams: renames.teams, renamedAccounts: renames.accounts }, opts.now?.getTime());
  const pending: string[] = [];
  const pendingNames: PendingNames[] = [];
  diffUsers(ctx, pending, pendingNames);
  diffTeams(ctx);
  diffSystemAccounts(ctx);
  // Memberships and grants both go through every principal: built once, for both.
  const principals = principalSets(ctx);
  diffMemberships(ctx, principals);
  diffGrants(ctx, principals);
  const idpNotes = diffIdpGroups(ctx);
  const invitations = diffInvitations(ctx, pending.sort(), opts.now);
  if (ctx.problems.length > 0) throw new ResolveError([...new Set(ctx.problems)]);
  const left = leaveMembershipToIdp(ctx.changes, live);
  return {
    changes: addHandoverDependencies(left.changes),
    pending,
    pendingNames: pendingNames.sort((a, b) => (a.email < b.email ? -1 : 1)),
    notes: [...left.notes, ...idpNotes, ...konnectManagedNote(ctx)],
    invitations,
    expiring: opts.now && opts.expiringWithinMs !== undefined ? findExpiring(desired, opts.now.getTime(), opts.expiringWithinMs) : [],
  };
}
