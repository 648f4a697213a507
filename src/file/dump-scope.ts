/**
 * `dump --select-team-labels k=v`: the live organization narrowed to the teams carrying every
 * label and their members, and the `_info` that keeps the written file to that scope (people and
 * system accounts it does not list are then left alone, not removed). Also the sentences that say
 * what a dump or a merge left out or changed.
 */
import type { LiveState } from '../live.js';
import { plural } from '../text/plural.js';
import type { DroppedExpiry, MergeCount, MergeKind } from './merge.js';

export interface Narrowed {
  live: LiveState;
  info: Record<string, unknown>;
  leftOut: { teams: number; people: number; accounts: number };
}

/** `live` was read with these labels as its team scope: the selected teams are the custom ones in scope. */
export function narrowToTeamLabels(live: LiveState, labels: Readonly<Record<string, string>>): Narrowed {
  const selected = live.teams.filter((t) => !t.system && t.inScope);
  const members = new Set(selected.flatMap((t) => t.memberIds));
  const teamIds = new Set(selected.map((t) => t.id));
  const users = live.users.filter((u) => members.has(u.id));
  const accounts = (live.systemAccounts ?? []).filter((a) => a.teamIds.some((id) => teamIds.has(id)));
  const info = {
    select_team_labels: { ...labels },
    unlisted_users: 'ignore',
    ...(accounts.length ? { unlisted_system_accounts: 'ignore' } : {}),
  };
  return {
    live: { ...live, users, systemAccounts: accounts },
    info,
    leftOut: {
      teams: live.teams.filter((t) => !t.system && !t.inScope).length,
      people: live.users.length - users.length,
      accounts: (live.systemAccounts ?? []).length - accounts.length,
    },
  };
}

/** "Left out 12 teams without team=payments and 80 people in none of the selected teams." */
export function describeLeftOut(n: Narrowed['leftOut'], labels: Readonly<Record<string, string>>): string {
  const parts = [
    `${plural(n.teams, 'team')} without ${listLabels(labels)}`,
    `${people(n.people)} in none of the selected teams`,
    ...(n.accounts ? [`${plural(n.accounts, 'system account')} in none of them`] : []),
  ];
  return `Left out ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}.`;
}

/** A selection no team matches writes an empty dump: a typo in a label must not pass for an empty area. */
export function describeNoTeamSelected(labels: Readonly<Record<string, string>>): string {
  return `Warning: no team in Konnect carries ${listLabels(labels)}, so the dump lists no team and nobody. Check the labels (orgdeck dump without --select-team-labels shows every team's).`;
}

function listLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
}

const NOUNS: Record<MergeKind, (n: number) => string> = {
  teams: (n) => plural(n, 'team'),
  users: people,
  system_accounts: (n) => plural(n, 'system account'),
};

/** "2 people added, 1 team updated, 1 person removed", or undefined when nothing changed. */
export function describeMerge(counts: Readonly<Record<MergeKind, MergeCount>>): string | undefined {
  const parts: string[] = [];
  for (const op of ['added', 'updated', 'removed'] as const) {
    for (const kind of ['users', 'teams', 'system_accounts'] as const) {
      const n = counts[kind][op];
      if (n) parts.push(`${NOUNS[kind](n)} ${op}`);
    }
  }
  return parts.length ? parts.join(', ') : undefined;
}

function people(n: number): string {
  return `${n} ${n === 1 ? 'person' : 'people'}`;
}

/** The warning for an expiry the merge removed: the person must judge whether the access came back under another name. */
export function describeDroppedExpiry(d: DroppedExpiry): string {
  const whose = d.kind === 'system_accounts' ? `system account ${d.key}'s` : d.kind === 'teams' ? `team "${d.key}"'s` : `${d.key}'s`;
  return `Warning: ${d.file}:${d.line}: ${whose} ${d.what} (expires ${d.expires}) is gone from Konnect and was removed with its expiry; if the access came back under another name, put the expires back by hand.`;
}
