/**
 * The order of operations, in one table. Each level runs after the one above it has finished;
 * changes within a level run concurrently. A system account is a principal like a user: it
 * sits in the users' column at every level.
 *
 *   0  create user (invite)   create team          people, accounts and teams exist before
 *      create system account                      anything points at them
 *   1  update user            update team
 *      update system account
 *   2  add membership         grant user role      access is added before any is taken away, so a role
 *      add account membership grant team role      change never leaves a person with nothing in between
 *                             grant account role
 *   3  revoke user role       revoke team role     remove membership
 *      revoke account role                         remove account membership
 *   4  delete team                                 (its memberships and grants go with it)
 *   5  delete user            delete system account  last: removing a person (or cancelling an invite)
 *                                                  also drops everything they hold
 */
import type { Kind, Op } from './types.js';

export const LEVELS: readonly (readonly (readonly [Op, Kind])[])[] = [
  [['create', 'user'], ['create', 'team'], ['create', 'system-account']],
  [['update', 'user'], ['update', 'team'], ['update', 'system-account']],
  [['create', 'team-membership'], ['create', 'system-account-membership'], ['create', 'user-role'], ['create', 'team-role'], ['create', 'system-account-role']],
  [['delete', 'user-role'], ['delete', 'team-role'], ['delete', 'system-account-role'], ['delete', 'team-membership'], ['delete', 'system-account-membership']],
  [['delete', 'team']],
  [['delete', 'user'], ['delete', 'system-account']],
];

export function levelOf(op: Op, kind: Kind): number {
  const level = LEVELS.findIndex((l) => l.some(([o, k]) => o === op && k === kind));
  if (level < 0) throw new Error(`internal: no level for ${op} ${kind}`);
  return level;
}

/** Sort key within the whole plan: level, then the kind's place in its level, then key. */
export function compareChanges(a: { op: Op; kind: Kind; key: string }, b: { op: Op; kind: Kind; key: string }): number {
  const la = levelOf(a.op, a.kind);
  const lb = levelOf(b.op, b.kind);
  if (la !== lb) return la - lb;
  const level = LEVELS[la]!;
  const ia = level.findIndex(([o, k]) => o === a.op && k === a.kind);
  const ib = level.findIndex(([o, k]) => o === b.op && k === b.kind);
  return ia - ib || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
