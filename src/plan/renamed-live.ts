/**
 * The teams and system accounts a plan renames (`renamed_from`): an update whose `before.name`
 * differs from the name it gives. Read from the plan itself, so a saved plan is judged the same
 * way as a fresh one.
 */
import type { LiveState } from '../live.js';
import type { Plan } from './types.js';

export interface Rename {
  from: string;
  to: string;
}

/** By id, the renames of the plan's teams and of its system accounts. */
export function renamesIn(plan: Pick<Plan, 'changes'>): { teams: Map<string, Rename>; accounts: Map<string, Rename> } {
  const teams = new Map<string, Rename>();
  const accounts = new Map<string, Rename>();
  for (const c of plan.changes) {
    const from = c.before?.name;
    if (c.op !== 'update' || typeof from !== 'string') continue;
    if (c.kind === 'team' && c.team?.id) teams.set(c.team.id, { from, to: c.team.name });
    if (c.kind === 'system-account' && c.system_account?.id) accounts.set(c.system_account.id, { from, to: c.system_account.name });
  }
  return { teams, accounts };
}

/**
 * The live org with the plan's renames done: the plan's other changes name a renamed team or
 * account by its new name, and the guards and access changes look them up by name.
 */
export function liveAfterRenames(plan: Pick<Plan, 'changes'>, live: LiveState): LiveState {
  const { teams, accounts } = renamesIn(plan);
  if (teams.size === 0 && accounts.size === 0) return live;
  const rename = <T extends { id: string; name: string }>(x: T, by: Map<string, Rename>): T => (by.get(x.id)?.from === x.name ? { ...x, name: by.get(x.id)!.to } : x);
  return {
    ...live,
    teams: live.teams.map((t) => rename(t, teams)),
    ...(live.systemAccounts ? { systemAccounts: live.systemAccounts.map((a) => rename(a, accounts)) } : {}),
  };
}
