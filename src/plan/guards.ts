/**
 * Guards: reasons to refuse a plan before anything is sent. Mass deletion can be overridden
 * with --force; locking out the token's own user or leaving the org without an active
 * Organization Admin never can.
 */
import type { LiveState } from '../live.js';
import type { DeletionLimits } from '../model.js';
import { plural } from '../text/plural.js';
import { lockOut } from './lock-out.js';
import { massDeletion } from './mass-deletion.js';
import type { Plan, Refusal } from './types.js';
import { systemAccountLockOut } from './account-lock-out.js';
import { konnectManagedChanges, mayBeOwnAccount } from './guards-accounts.js';

export interface GuardOptions {
  force: boolean;
  /** The state file's `_info.guards`; undefined = the defaults (25%, more than 3). */
  limits?: DeletionLimits | undefined;
}

/** Every refusal the plan raises, overridable or not. */
export function findRefusals(plan: Plan, live: LiveState, limits?: DeletionLimits): Refusal[] {
  const as = (guard: string, overridable: boolean) => (message: string): Refusal => ({ guard, message, overridable });
  return [
    ...massDeletion(plan, live, limits).map(as('mass-deletion', true)),
    ...unlistedMembers(plan).map(as('unlisted-members', true)),
    ...lockOut(plan, live).map(as('lock-out', false)),
    ...systemAccountLockOut(plan, live).map(as('lock-out', false)),
    ...mayBeOwnAccount(plan, live).map(as('lock-out', false)),
    ...konnectManagedChanges(plan, live).map(as('konnect-managed', false)),
  ];
}

/** The refusals that stand: with --force, only those that cannot be overridden. */
export function checkGuards(plan: Plan, live: LiveState, opts: GuardOptions): Refusal[] {
  return findRefusals(plan, live, opts.limits).filter((r) => !(opts.force && r.overridable));
}

export function refusalMessages(refusals: readonly Refusal[]): string[] {
  return refusals.map((r) => r.message);
}

/** unlisted_users: ignore promises to leave unlisted people alone; deleting their team would not. */
function unlistedMembers(plan: Plan): string[] {
  return plan.changes
    .filter((c) => c.op === 'delete' && c.kind === 'team' && Array.isArray(c.before?.unlisted_members))
    .map((c) => {
      const who = c.before!.unlisted_members as string[];
      return `The plan deletes team ${c.key}, which also removes ${plural(who.length, 'member')} the file leaves alone (unlisted_users: ignore): ${who.join(', ')}. Declare the team to keep it, or re-run with --force.`;
    });
}
