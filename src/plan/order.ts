/**
 * The order of operations, in one table. For each person and each team, a level's changes run
 * after those of the levels above it have finished (apply/schedule.ts); changes about different
 * people and teams run concurrently. Deleting a team waits for every change above it.
 *
 *   0  create user (invite)   create team          people and teams exist before anything points at them
 *      resend invitation
 *   1  update user            update team
 *   2  add membership         grant user role      access is added before any is taken away, so a role
 *      map IdP group          grant team role      change never leaves a person with nothing in between
 *   3  revoke user role       revoke team role     remove membership
 *      unmap IdP group
 *   4  delete team                                 (its memberships and grants go with it)
 *   5  delete user                                 last: removing a person (or cancelling an invite)
 *                                                  also drops everything they hold
 */
import type { Kind, Op } from './types.js';

export const LEVELS: readonly (readonly (readonly [Op, Kind])[])[] = [
  [['create', 'user'], ['create', 'team'], ['create', 'invite']],
  [['update', 'user'], ['update', 'team']],
  [['create', 'team-membership'], ['create', 'user-role'], ['create', 'team-role'], ['create', 'team-idp-group']],
  [['delete', 'user-role'], ['delete', 'team-role'], ['delete', 'team-membership'], ['delete', 'team-idp-group']],
  [['delete', 'team']],
  [['delete', 'user']],
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
