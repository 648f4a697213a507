/**
 * Pending invitees in words, for text and markdown: a few are listed one by one, many are one
 * line with a count unless asked for (`--show-pending`). An invitee whose names differ from the
 * file is not "matching": the names are applied by the first sync after they accept.
 */
import { plural } from '../text/plural.js';
import { fieldChanges, showValue } from './describe.js';
import type { PendingNames, Plan } from './types.js';

/** Up to this many pending invitees are listed one by one without --show-pending. */
export const PENDING_LISTED = 3;

export interface PendingLine {
  email?: string;
  text: string;
}

/** One entry per invitee, or a single count line when there are many and `showAll` is off. */
export function pendingEntries(plan: Plan, showAll: boolean): PendingLine[] {
  const names = new Map((plan.pending_names ?? []).map((p) => [p.email, p]));
  if (showAll || plan.pending.length <= PENDING_LISTED) {
    const waited = new Map((plan.invitations ?? []).map((i) => [i.email, i.days]));
    return plan.pending.map((email) => {
      const days = waited.get(email);
      const differ = names.get(email);
      const text = `${email} has been invited and has not accepted yet${days === undefined ? '' : ` (${daysText(days)})`}${differ ? `; ${namesText(differ)}` : ''}`;
      return { email, text };
    });
  }
  const withNames = names.size ? `, ${names.size} of them with names that are applied once they accept` : '';
  return [{ text: `${plural(plan.pending.length, 'invited user')} ${plan.pending.length === 1 ? 'has' : 'have'} not accepted yet${withNames} (--show-pending lists them)` }];
}

/** "waiting 1 day", "waiting 12 days", "invited today". */
export function daysText(days: number): string {
  return days === 0 ? 'invited today' : `waiting ${plural(days, 'day')}`;
}

/** The line for a plan without changes: it matches the file only if no invitee waits for names. */
export function noChangesLine(plan: Plan): string {
  const waiting = plan.pending_names?.length ?? 0;
  // A targeted plan read only part of the org: it can vouch for that part alone.
  if (waiting === 0) return plan.targeting?.read === 'targeted' ? 'No changes: what was read matches the file.' : 'No changes: the organization matches the file.';
  return `No changes to make now: the file's names for ${plural(waiting, 'pending invitee')} are applied once the invitation is accepted.`;
}

/** `full_name "Ana Lima" is applied once …`: what the file says, and when it takes effect. */
function namesText(p: PendingNames): string {
  const fields = fieldChanges(p.before, p.after);
  const what = fields.map((f) => `${f.field} ${showValue(f.after)}`).join(' and ');
  return `${what} ${fields.length === 1 ? 'is' : 'are'} applied once the invitation is accepted (by the next sync after that)`;
}
