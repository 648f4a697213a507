/** Words for access the file lets run out, shared by the removals it causes and by "expiring soon". */
import { hasExpired } from '../expiry.js';
import type { Expiry } from '../model.js';

/** "expired on 2027-01-31 (orgdeck.yaml:42:9)": the date as written, and where, so a reviewer finds the entry. */
export function expiredReason(expiry: Expiry): string {
  return `expired on ${expiry.on}${expiry.at ? ` (${expiry.at})` : ''}`;
}

/** Whether the access has ended at the diff's clock; with no clock, nothing has. */
export function expiredAt(expiry: Expiry | undefined, now: number | undefined): boolean {
  return now !== undefined && hasExpired(expiry, now);
}

/** The `expires` of a principal's membership of `team`, if the file wrote one (own keys only: a team may be called "constructor"). */
export function membershipExpiry(p: { teamExpiry?: Record<string, Expiry> }, team: string): Expiry | undefined {
  return p.teamExpiry && Object.hasOwn(p.teamExpiry, team) ? p.teamExpiry[team] : undefined;
}
