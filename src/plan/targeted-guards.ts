/**
 * Whether a targeted plan can be judged by the guards without reading the whole organization.
 * The mass-deletion guard weighs what a plan deletes against what the org holds. A targeted read
 * knows the org's users (page metadata) and teams (the team list, read whole), but not its
 * memberships, grants or system accounts. No count at or under `alwaysAllowed` is ever refused,
 * whatever the total; past it, only a full read can weigh the plan. Pure.
 */
import type { LiveState } from '../live.js';
import { DEFAULT_DELETION_LIMITS, type DeletionLimits } from '../model.js';
import { measureAccessLoss, totalRemoved } from './access-loss.js';
import { measureAccountLoss } from './account-loss.js';
import type { Plan } from './types.js';

/** One sentence naming what needs the org's totals, or undefined when the targeted read is enough. */
export function totalsNeeded(plan: Plan, live: LiveState, limits: DeletionLimits = DEFAULT_DELETION_LIMITS): string | undefined {
  if (!plan.changes.some((c) => c.op === 'delete')) return undefined;
  const loss = measureAccessLoss(plan, live);
  const accounts = measureAccountLoss(plan, live);
  const counts: [number, string][] = [
    [totalRemoved(loss.memberships), 'team memberships'],
    [totalRemoved(loss.grants), 'grants'],
    [loss.strandedInOrg.length, 'people left with no access'],
    [accounts.accounts.deleting, 'system accounts'],
    [accounts.memberships.deleting, 'system account memberships'],
    [accounts.grants.deleting, 'system account grants'],
  ];
  const over = counts.find(([n]) => n > limits.alwaysAllowed);
  if (!over) return undefined;
  return `the plan removes ${over[0]} ${over[1]}, more than the ${limits.alwaysAllowed} always allowed, and the mass-deletion guard weighs that against the whole organization`;
}
