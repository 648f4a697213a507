/**
 * A team the plan creates whose name reads like a live team's: "Оrganization Admin" with a
 * Cyrillic О beside the predefined team, or "Ｐlatform" beside "Platform". Konnect compares
 * names byte for byte, so it would keep both, and a reviewer cannot tell which one a person
 * joins. A rename that only changes letter case (the old team deleted by the same plan) is
 * allowed; a rename into look-alike characters of another script never reads as one.
 * `validate --online` says it at the declaration; a plan carries it as a refusal.
 */
import type { LiveTeam } from '../live.js';
import { differsInLookalikes, foldName, howNamesDiffer } from '../text/lookalike-names.js';
import { lookalikePredefined } from './team-names.js';
import { quoted } from '../text/excerpt.js';

/**
 * Finds the live team a name would be confused with, or undefined. `goes(team)`: whether the
 * team is deleted by the plan (or left out of the file), so that the two never live side by side.
 * Teams are indexed by folded name once: plans create thousands of teams in large orgs.
 */
export function lookalikeFinder(teams: readonly LiveTeam[], goes: (t: LiveTeam) => boolean): (name: string) => LiveTeam | undefined {
  const byFold = new Map<string, LiveTeam[]>();
  for (const t of teams) {
    const key = foldName(t.name);
    byFold.set(key, [...(byFold.get(key) ?? []), t]);
  }
  return (name) => byFold.get(foldName(name))?.find((t) => t.name !== name && (t.system || differsInLookalikes(name, t.name) || !goes(t)));
}

/** The sentence for a declared or created team `name` that reads like the live team `like`. */
export function lookalikeTeamMessage(name: string, like: LiveTeam): string {
  if (like.system) return lookalikePredefined(name, like.name);
  return `Team ${quoted(name)} differs from the live team "${like.name}" (id ${like.id}) ${howNamesDiffer(name, like.name)}: Konnect would keep two teams that look the same. Use "${like.name}" exactly, or a name that does not look like it.`;
}
