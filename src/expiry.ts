/**
 * When access written with `expires:` ends. One reading for validate, diff, explain and report,
 * so a grant never counts as expired in one command and live in another.
 *
 * A bare date ends at 00:00 UTC of that day: "expires: 2027-01-31" means the access is gone on
 * the 31st, which is what "expired on 2027-01-31" then says. A date-time must carry its offset
 * (Z or ±hh:mm): without one, the instant would depend on the runner's time zone.
 */
import type { Expiry } from './model.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** The instant (ms since the epoch) the access ends; undefined when `on` is not a valid date. */
export function expiryInstant(on: string): number | undefined {
  const date = DATE.exec(on);
  if (date) return validDate(date) ? Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) : undefined;
  const time = DATE_TIME.exec(on);
  if (!time || !validDate(time) || Number(time[4]) > 23 || Number(time[5]) > 59 || +(time[6] ?? 0) > 59) return undefined;
  const ms = Date.parse(on.toUpperCase());
  return Number.isNaN(ms) ? undefined : ms;
}

/** true once the access has ended at `now`; an unreadable date never expires here (validate refuses it). */
export function hasExpired(expiry: Expiry | undefined, now: number): boolean {
  const end = expiry === undefined ? undefined : expiryInstant(expiry.on);
  return end !== undefined && end <= now;
}

/** true while the access still holds but ends within `windowMs` of `now`. */
export function expiresWithin(expiry: Expiry | undefined, now: number, windowMs: number): boolean {
  const end = expiry === undefined ? undefined : expiryInstant(expiry.on);
  return end !== undefined && end > now && end - now <= windowMs;
}

/** Rejects 2027-02-30 and month 13, which Date.UTC would quietly roll over. */
function validDate(m: RegExpExecArray): boolean {
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
