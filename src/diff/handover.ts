/**
 * Removals wait for the additions that replace them. Levels already run adds before removals;
 * these dependencies also hold when an add fails: a person (or team) whose new access could not
 * be granted keeps the old access until a later run, instead of being left with nothing.
 */
import { type Change, changeId } from '../change.js';

export function addHandoverDependencies(changes: Change[]): Change[] {
  const addsByHolder = new Map<string, string[]>();
  for (const c of changes) {
    const holder = holderOf(c);
    if (c.op === 'create' && holder) addsByHolder.set(holder, [...(addsByHolder.get(holder) ?? []), changeId(c)]);
  }
  return changes.map((c) => {
    const holder = holderOf(c);
    const adds = c.op === 'delete' && holder ? addsByHolder.get(holder) : undefined;
    return adds ? { ...c, depends_on: [...(c.depends_on ?? []), ...adds] } : c;
  });
}

/** Whose access a membership or grant change moves: the user's or system account's, or for team grants the team's. */
function holderOf(c: Change): string | undefined {
  if (c.kind === 'team-membership' || c.kind === 'user-role') return `user ${c.user?.email}`;
  if (c.kind === 'team-role') return `team ${c.team?.name}`;
  if (c.kind === 'system-account-membership' || c.kind === 'system-account-role') return `system account ${c.system_account?.name}`;
  return undefined;
}
