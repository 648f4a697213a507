/**
 * Konnect lets several teams share a name. The diff plans against the first of them, the plan
 * refuses to apply (plan/refusals.ts) and `validate --online` points at the declaration
 * (file/online.ts): one grouping and one sentence for the three, below all of them. The
 * sentences about `renamed_from` live here for the same reason.
 */
import type { LiveTeam } from './live.js';

/** Predefined teams by name, and the custom teams orgdeck manages by name (Konnect allows duplicates). */
export function liveTeamsByName(teams: readonly LiveTeam[]): { system: Map<string, LiveTeam>; managed: Map<string, LiveTeam[]> } {
  const system = new Map<string, LiveTeam>();
  const managed = new Map<string, LiveTeam[]>();
  for (const t of teams) {
    if (t.system) system.set(t.name, t);
    else if (t.inScope) managed.set(t.name, [...(managed.get(t.name) ?? []), t]);
  }
  return { system, managed };
}

/** What the plan's refusal and `validate --online` say about a name several teams hold. */
export function duplicateTeamMessage(name: string, ids: readonly string[]): string {
  return `Konnect has ${ids.length} teams named "${name}" (ids ${ids.join(', ')}); orgdeck will not guess which one the file means. Rename or delete the extra team in Konnect.`;
}

/** `renamed_from` with both names live (the diff refuses, validate --online too): renaming one onto the other would leave two, or lose one. */
export function renameConflict(what: string, old: string, name: string): string {
  return `cannot rename ${what} "${old}" to "${name}": both exist in the organization; delete one, or remove renamed_from.`;
}

/** `renamed_from` once the rename is done: the new name is live and no old one is. */
export function renameDone(what: string, name: string, olds: readonly string[]): string {
  return `${what} "${name}" is in the organization and ${olds.map((o) => `"${o}"`).join(', ')} ${olds.length === 1 ? 'is' : 'are'} not: the rename is done, and its renamed_from can be removed.`;
}
