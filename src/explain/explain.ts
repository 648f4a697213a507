/**
 * `orgdeck explain`: every access one person holds today (live) and will hold after sync
 * (desired), each with where it comes from. Pure: desired + live in, a JSON-able value out.
 * The reading itself is collectAccess (access.ts), which the report shares.
 */
import type { LiveTeam, LiveUser } from '../live.js';
import type { DesiredState, LiveEntity } from '../model.js';
import { type AccessEntry, collectAccess, makeAccessContext } from './access.js';
import { findRenames } from '../diff/renames.js';

export type { AccessEntry } from './access.js';

export interface Explanation {
  email: string;
  access: AccessEntry[];
}

export interface ExplainResult {
  explanation: Explanation;
  /** What sync does with the person themself, when it is worth saying. */
  note?: string;
  /** Membership entries of predefined teams, by via (their roles are Konnect's own). */
  predefined: Set<string>;
  /** Grants of the file that cannot be resolved against the org (sync would stop on them). */
  problems: string[];
}

export interface PersonView {
  users: readonly LiveUser[];
  teams: readonly LiveTeam[];
  entities: readonly LiveEntity[];
}

/**
 * undefined when the email is neither in the file nor in the organization. `now`: the clock
 * access expires against, as the diff's (without one nothing expires).
 */
export function explainAccess(emailWritten: string, desired: DesiredState, asRead: PersonView, now?: number): ExplainResult | undefined {
  // A team the file renames (renamed_from) keeps its id and access: seen under its new name, as the diff sees it.
  const renames = findRenames(desired, asRead);
  const live = renames.live;
  const email = emailWritten.trim().toLowerCase();
  const user = desired.users.find((u) => u.email === email);
  const liveUser = live.users.find((u) => u.email === email);
  if (!user && !liveUser) return undefined;
  // With unlisted_users: remove, an unlisted person is deleted by sync; with ignore, left alone.
  const managed = user !== undefined || desired.info.unlistedUsers === 'remove';
  const liveTeams = liveUser ? live.teams.filter((t) => t.memberIds.includes(liveUser.id)) : [];
  const { held, predefined, problems } = collectAccess(
    { holder: email, managed, liveRoles: liveUser?.roles ?? [], fileRoles: user?.roles, liveTeams, fileTeams: user?.teams, teamsAt: user?.teamsAt, teamExpiry: user?.teamExpiry },
    makeAccessContext(desired, live.entities, now),
  );
  return { explanation: { email, access: held.map((h) => h.entry) }, ...noteOn(user !== undefined, liveUser, managed), predefined, problems: [...renames.problems, ...problems] };
}

function noteOn(inFile: boolean, liveUser: LiveUser | undefined, managed: boolean): { note?: string } {
  if (!liveUser) return { note: 'not in the organization yet: sync invites them' };
  if (!inFile) return { note: managed ? 'not in the file: sync removes them from the organization' : 'not in the file; unlisted_users: ignore leaves them as they are' };
  return liveUser.active ? {} : { note: 'invited, has not accepted yet' };
}
