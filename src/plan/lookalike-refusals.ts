/** Teams a plan creates that read like a live team's name (file/lookalike-teams.ts): never guessed through. */
import { lookalikeFinder, lookalikeTeamMessage } from '../file/lookalike-teams.js';
import type { LiveState } from '../live.js';
import type { Plan, Refusal } from './types.js';

/** A non-overridable refusal for each team the plan creates that reads like a live team. */
export function lookalikeTeams(plan: Plan, live: LiveState): Refusal[] {
  const deleted = new Set(plan.changes.filter((c) => c.op === 'delete' && c.kind === 'team').map((c) => c.key));
  const find = lookalikeFinder(live.teams, (t) => deleted.has(t.name));
  const refusals: Refusal[] = [];
  for (const c of plan.changes) {
    if (c.op !== 'create' || c.kind !== 'team') continue;
    const like = find(c.key);
    if (like) refusals.push({ guard: 'lookalike-team-name', overridable: false, message: lookalikeTeamMessage(c.key, like) });
  }
  return refusals;
}
