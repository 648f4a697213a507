/**
 * Pending invitations: how long each has waited, and `_info.invites.resend_after_days`, which
 * re-sends one (POST /v3/invites again) once it is older than that. Konnect has no invitation
 * date: a pending user's created_at is when they were invited, and the later of created_at and
 * updated_at is the last sign of an invitation sent. The clock is a value handed in.
 */
import type { Change, PendingInvitation } from '../change.js';
import type { DiffContext } from './context.js';

export const DAY_MS = 86_400_000;

/** Whole days from `since` to `now`, never negative. */
export function daysBetween(since: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / DAY_MS));
}

/** The waiting time of each pending user of the file, and a resend change for each that waited too long. */
export function diffInvitations(ctx: DiffContext, pending: readonly string[], now: Date | undefined): PendingInvitation[] {
  const after = ctx.desired.info.resendInvitesAfterDays;
  if (after !== undefined && !now) throw new Error('internal: resend_after_days needs the clock');
  const out: PendingInvitation[] = [];
  for (const email of pending) {
    const live = ctx.liveUsers.get(email);
    if (!live || live.active || !live.invitedAt || !now || Number.isNaN(Date.parse(live.invitedAt))) continue;
    const days = daysBetween(live.invitedAt, now);
    out.push({ email, invited_at: live.invitedAt, days });
    if (after === undefined) continue;
    const lastSent = Math.max(Date.parse(live.invitedAt), Date.parse(live.changedAt ?? '') || 0);
    if (now.getTime() - lastSent <= after * DAY_MS) continue;
    const resend: Change = { op: 'create', kind: 'invite', key: email, user: { email, id: live.id }, before: { status: 'pending', invited_at: live.invitedAt, pending_days: days } };
    ctx.changes.push(resend);
  }
  return out;
}
