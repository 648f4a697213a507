/**
 * Declared team names a reader could confuse: spaces at either end, a predefined team's name,
 * or another declared team's name in another letter case, Unicode form or script (look-alike
 * letters, text/confusables.ts). Konnect compares
 * names byte for byte and allows duplicates, so each of these would become a second team that
 * looks like the first.
 */
import { PREDEFINED_TEAMS } from '../model.js';
import { describeEdgeSpace, describeLookalikeNames, differsInLookalikes, foldName, howNamesDiffer } from '../text/lookalike-names.js';
import type { GrantCheck } from './grants.js';
import { type Entry, problemAt, whereIs } from './written.js';
import { quoted } from '../text/excerpt.js';

export class TeamNames {
  private readonly byFold = new Map<string, { name: string; at: Entry }>();
  /** Declared names, exactly as written (users' teams must match them exactly). */
  readonly declared: string[] = [];

  constructor(private readonly out: GrantCheck) {}

  /** Checks one declared name (`at` points at it); false when it names a predefined team and so is not declared. */
  add(name: string, at: Entry): boolean {
    const predefined = PREDEFINED_TEAMS.find((p) => foldName(p) === foldName(name.trim()));
    const edge = describeEdgeSpace(name);
    if (edge) {
      const like = predefined ? `the predefined team "${predefined}"` : quoted(name.trim());
      this.out.problems.push(problemAt(at, `Team name ${quoted(name)} ${edge}: Konnect would show it like ${like} but keep it as another team. Remove the space.`));
      if (!predefined) this.declared.push(name);
      return !predefined;
    }
    if (predefined && differsInLookalikes(name, predefined)) {
      this.out.problems.push(problemAt(at, lookalikePredefined(name, predefined)));
      return false;
    }
    if (predefined) {
      this.out.problems.push(problemAt(at, `${quoted(name)} is a predefined team: it cannot be declared, only joined. Remove it from teams and list it under a user's teams.`));
      return false;
    }
    const first = this.byFold.get(foldName(name));
    if (!first) {
      this.byFold.set(foldName(name), { name, at });
      this.declared.push(name);
    } else if (first.name === name) {
      this.out.problems.push(problemAt(at, `Team ${quoted(name)} is declared twice: here and at ${whereIs(first.at)}. Keep one.`));
    } else {
      this.declared.push(name);
      this.out.problems.push(problemAt(at, `Team ${quoted(name)} differs from ${quoted(first.name)} (at ${whereIs(first.at)}) ${howNamesDiffer(name, first.name)}: Konnect would keep two teams that look the same. Use one name.`));
    }
    return true;
  }
}

/** A name that reads as a predefined team's but is spelt with look-alike characters: it would be a custom team. */
export function lookalikePredefined(name: string, predefined: string): string {
  return `Team ${quoted(name)} looks like the predefined team "${predefined}" but is spelt with look-alike characters (${describeLookalikeNames(name, predefined)}): Konnect would create a custom team that reads the same. To join the predefined team, list "${predefined}" under a user's teams; otherwise choose a name that does not look like it.`;
}
