/**
 * The report's view of system-account tokens: name, created, last used, expiry, and what to look
 * at. Each record is written field by field, so nothing else a server sends (an id, a secret)
 * can reach a report.
 */
import { expiresWithin, hasExpired } from '../expiry.js';
import type { LiveAccessToken } from '../live.js';
import type { ReportAccessToken, ReportSystemAccount, TokenCounts, TokenFlag } from './model.js';

type Window = { now: number; ms: number };

/** The token fields of a live account: read, or null where Konnect would not list them. */
export function tokenFieldsOf(tokens: readonly LiveAccessToken[] | null | undefined, window: Window): Pick<ReportSystemAccount, 'access_tokens_status' | 'access_tokens'> {
  if (tokens === undefined) return { access_tokens_status: 'not_read', access_tokens: null };
  if (tokens === null) return { access_tokens_status: 'not_readable', access_tokens: null };
  return { access_tokens_status: 'read', access_tokens: tokens.map((t) => reportTokenOf(t, window)) };
}

function reportTokenOf(t: LiveAccessToken, window: Window): ReportAccessToken {
  return { name: t.name, created_at: t.createdAt, last_used_at: t.lastUsedAt, expires_at: t.expiresAt, flags: tokenFlagsOf(t, window) };
}

function tokenFlagsOf(t: LiveAccessToken, window: Window): TokenFlag[] {
  const flags: TokenFlag[] = [];
  const expiry = t.expiresAt === null ? undefined : { on: t.expiresAt };
  if (expiry === undefined) flags.push('no_expiry');
  else if (hasExpired(expiry, window.now)) flags.push('expired');
  else if (expiresWithin(expiry, window.now, window.ms)) flags.push('expiring');
  if (t.lastUsedAt === null) flags.push('never_used');
  return flags;
}

/** The summary's token counts. */
export function countTokens(accounts: readonly ReportSystemAccount[]): TokenCounts {
  const tokens = accounts.flatMap((a) => a.access_tokens ?? []);
  const flagged = (f: TokenFlag) => tokens.filter((t) => t.flags.includes(f)).length;
  return {
    access_tokens: tokens.length,
    expired_tokens: flagged('expired'),
    expiring_tokens: flagged('expiring'),
    tokens_without_expiry: flagged('no_expiry'),
    unused_tokens: flagged('never_used'),
    unreadable_token_lists: accounts.filter((a) => a.access_tokens_status === 'not_readable').length,
  };
}
