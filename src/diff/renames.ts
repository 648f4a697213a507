/**
 * `renamed_from:`: a team or system account the organization holds under an old name, and not
 * under the new one, is the declaration's own, renamed. The diff sees it under its new name
 * from the start (same id, members, grants, IdP group mappings), so nothing of it is added
 * again; the rename itself is the one update of that team or account (people.ts, accounts.ts).
 */
import type { LiveState, LiveSystemAccount, LiveTeam } from '../live.js';
import type { DesiredState } from '../model.js';
import { duplicateTeamMessage, renameConflict, renameDone } from '../teams.js';

type Holdings = { teams: readonly LiveTeam[]; systemAccounts?: readonly LiveSystemAccount[] };

export interface Renames<L extends Holdings = LiveState> {
  /** The live state as the diff compares it: renamed teams and accounts under their new names. */
  live: L;
  /** New name → old name, for the teams and accounts this plan renames. */
  teams: ReadonlyMap<string, string>;
  accounts: ReadonlyMap<string, string>;
  /** Renames orgdeck will not guess through: both names live, or several candidates. */
  problems: string[];
}

interface Named {
  id: string;
  name: string;
}

/** The renames the live org calls for, and the live state with them applied. */
export function findRenames<L extends Holdings>(desired: DesiredState, live: L): Renames<L> {
  const problems: string[] = [];
  const managedTeams = live.teams.filter((t) => !t.system && t.inScope);
  const teams = matchRenames('team', desired.teams, managedTeams, problems);
  const ownAccounts = (live.systemAccounts ?? []).filter((a) => !a.konnectManaged);
  const accounts = desired.systemAccounts ? matchRenames('system account', desired.systemAccounts.filter((a) => !a.konnectManaged), ownAccounts, problems) : new Map<string, Named>();
  if (teams.size === 0 && accounts.size === 0) return { live, teams: new Map(), accounts: new Map(), problems };
  const renamed = <T extends Named>(list: readonly T[], by: Map<string, Named>): T[] => {
    const newName = new Map([...by].map(([name, old]) => [old.id, name]));
    return list.map((x) => (newName.has(x.id) ? { ...x, name: newName.get(x.id)! } : x));
  };
  return {
    live: {
      ...live,
      teams: renamed<LiveTeam>(live.teams, teams),
      ...(live.systemAccounts ? { systemAccounts: renamed<LiveSystemAccount>(live.systemAccounts, accounts) } : {}),
    },
    teams: new Map([...teams].map(([name, old]) => [name, old.name])),
    accounts: new Map([...accounts].map(([name, old]) => [name, old.name])),
    problems,
  };
}

/** New name → the live entity it renames, for declarations whose new name is not live yet. */
function matchRenames(what: string, desired: readonly { name: string; renamedFrom?: string[] }[], live: readonly Named[], problems: string[]): Map<string, Named> {
  const byName = new Map<string, Named[]>();
  for (const x of live) byName.set(x.name, [...(byName.get(x.name) ?? []), x]);
  const out = new Map<string, Named>();
  for (const d of desired) {
    const olds = (d.renamedFrom ?? []).filter((old) => byName.has(old));
    if (olds.length === 0) continue;
    if (byName.has(d.name)) {
      problems.push(renameConflict(what, olds[0]!, d.name));
      continue;
    }
    const found = olds.flatMap((old) => byName.get(old)!);
    if (found.length === 1) out.set(d.name, found[0]!);
    else if (olds.length === 1) problems.push(`cannot rename ${what} "${olds[0]}" to "${d.name}": ${duplicateTeamMessage(olds[0]!, found.map((x) => x.id))}`);
    else problems.push(`cannot rename ${what} to "${d.name}": the organization holds several of its old names (${olds.map((o) => `"${o}"`).join(', ')}); delete the extra ${what}s, or keep one name in renamed_from.`);
  }
  return out;
}

/**
 * Renames already done: the new name is live and no old one is. The key then does nothing and
 * can go; one sentence per declaration, for `diff` and `sync` to print as warnings.
 */
export function appliedRenames(desired: DesiredState, live: LiveState): string[] {
  const out: string[] = [];
  const check = (what: string, list: readonly { name: string; renamedFrom?: string[] }[], names: ReadonlySet<string>) => {
    for (const d of list) {
      if (d.renamedFrom && names.has(d.name) && !d.renamedFrom.some((o) => names.has(o))) out.push(renameDone(what, d.name, d.renamedFrom));
    }
  };
  check('team', desired.teams, new Set(live.teams.filter((t) => !t.system && t.inScope).map((t) => t.name)));
  if (desired.systemAccounts && live.systemAccounts) check('system account', desired.systemAccounts, new Set(live.systemAccounts.map((a) => a.name)));
  return out;
}
