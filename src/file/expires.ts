/**
 * `expires:` as written: every one is checked to be a date (an error, located), and against a
 * clock `validate` warns of those already passed or more than a year away. The instant is
 * src/expiry.ts's reading, the one diff and explain use.
 */
import type { Problem } from '../errors.js';
import { expiryInstant } from '../expiry.js';
import { excerpt } from '../text/excerpt.js';
import type { GrantCheck } from './grants.js';
import { teamItems } from './team-items.js';
import { child, type Entry, isObj, problemAt, type Written } from './written.js';

interface WrittenExpiry {
  on: string;
  at: Entry;
  /** "membership" or "grant", for the sentence. */
  what: string;
}

/** Errors for every `expires` that is not a date; a value of another type is the schema's to report. */
export function checkExpiries(w: Written, out: GrantCheck): void {
  for (const x of writtenExpiries(w)) {
    if (expiryInstant(x.on) !== undefined) continue;
    out.problems.push(problemAt(x.at, notADate(x.on)));
  }
}

function notADate(on: string): string {
  if (/^\d{4}-\d{2}-\d{2}[Tt ][\d:.]+$/.test(on) && expiryInstant(`${on.replace(' ', 'T')}Z`) !== undefined) {
    return `${excerpt(on)} has no offset, so when it ends would depend on the time zone orgdeck runs in. Add Z for UTC (${on.replace(' ', 'T')}Z) or an offset like +01:00.`;
  }
  return `${excerpt(on)} is not a date. Write an ISO date like 2027-01-31 (the access ends at 00:00 UTC that day), or a date and time with its offset like 2027-01-31T18:00:00Z.`;
}

/**
 * Warnings at `now`: an expiry already passed (sync removes that access; the entry is dead
 * weight) or more than a year away (time-bound access that is not, in practice).
 */
export function expiryWarnings(w: Written, now: number): Problem[] {
  const inAYear = new Date(now);
  inAYear.setUTCFullYear(inAYear.getUTCFullYear() + 1);
  const warnings: Problem[] = [];
  for (const x of writtenExpiries(w)) {
    const end = expiryInstant(x.on);
    if (end === undefined) continue;
    if (end <= now) warnings.push(problemAt(x.at, `This ${x.what} expired on ${x.on}: sync will remove it; delete the entry.`));
    else if (end > inAYear.getTime()) warnings.push(problemAt(x.at, `This ${x.what} expires on ${x.on}, more than a year away: time-bound access is meant to end sooner. Shorten it, or remove expires if the access is meant to stay.`));
  }
  return warnings;
}

/** Every string `expires` of the files: on the teams items of users and system accounts, on every grant. */
function writtenExpiries(w: Written): WrittenExpiry[] {
  const found: WrittenExpiry[] = [];
  for (const p of [...w.users, ...w.systemAccounts]) {
    // Most lists are plain names: only a list with a mapping in it can hold an expiry.
    if (!isObj(p.value) || !Array.isArray(p.value.teams) || !p.value.teams.some(isObj)) continue;
    for (const item of teamItems(child(p, 'teams'))) {
      const at = item.expires?.();
      if (at && typeof at.value === 'string') found.push({ on: at.value, at, what: 'membership' });
    }
  }
  for (const holder of [...w.teams, ...w.users, ...w.systemAccounts]) {
    const roles = child(holder, 'roles');
    if (!Array.isArray(roles.value)) continue;
    roles.value.forEach((g, i) => {
      if (isObj(g) && typeof g.expires === 'string') found.push({ on: g.expires, at: child(roles, i, 'expires'), what: 'grant' });
    });
  }
  return found;
}
