/**
 * The refusals a plan carries: ambiguity in the live org that orgdeck will not guess through,
 * then the guards. Computed wherever a plan meets a live org (diff, sync, sync --plan), so every
 * rendering shows them and sync refuses on exactly these.
 */
import type { LiveState } from '../live.js';
import type { DeletionLimits } from '../model.js';
import { duplicateTeamMessage } from '../teams.js';
import { findRefusals } from './guards.js';
import { lookalikeTeams } from './lookalike-refusals.js';
import type { Plan, Refusal } from './types.js';

/** `limits`: the state file's `_info.guards` (undefined = the defaults). */
export function refusalsOf(plan: Plan, live: LiveState, limits?: DeletionLimits): Refusal[] {
  return [...duplicateTeamNames(live), ...lookalikeTeams(plan, live), ...findRefusals(plan, live, limits)];
}

/** The plan with its refusals computed afresh against `live` (after filtering, or for a saved plan). */
export function withRefusals(plan: Plan, live: LiveState, limits?: DeletionLimits): Plan {
  return { ...plan, refusals: refusalsOf(plan, live, limits) };
}

/** The refusals that stop sync: all of them, or with --force those that cannot be overridden. */
export function standingRefusals(refusals: readonly Refusal[], force: boolean): Refusal[] {
  return refusals.filter((r) => !(force && r.overridable));
}

/** Konnect allows several teams of one name; orgdeck never guesses which one the file means. */
function duplicateTeamNames(live: LiveState): Refusal[] {
  const byName = new Map<string, string[]>();
  for (const t of live.teams) if (!t.system && t.inScope) byName.set(t.name, [...(byName.get(t.name) ?? []), t.id]);
  return [...byName]
    .filter(([, ids]) => ids.length > 1)
    .map(([name, ids]) => ({
      guard: 'duplicate-team-name',
      overridable: false,
      message: duplicateTeamMessage(name, ids),
    }));
}
