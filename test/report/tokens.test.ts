/** System-account tokens in the report: name and dates only, flagged by what a reviewer must look at. */
import { describe, expect, it } from 'vitest';
import type { LiveAccessToken } from '../../src/live.js';
import { buildReport } from '../../src/report/build.js';
import { renderReportHtml } from '../../src/report/render-html.js';
import { desiredAccount, desiredState, liveAccount, liveState, liveUser } from '../support/builders.js';

const NOW = Date.parse('2027-01-20T12:00:00Z');
const token = (name: string, extra: Partial<LiveAccessToken> = {}): LiveAccessToken => ({ name, createdAt: '2026-06-01T00:00:00Z', lastUsedAt: '2027-01-19T08:00:00Z', expiresAt: '2027-06-01T00:00:00Z', ...extra });

function reportOf(...accounts: ReturnType<typeof liveAccount>[]) {
  return buildReport({ live: { ...liveState([liveUser('owner@example.com')]), systemAccounts: accounts }, now: NOW, expiringWithinDays: 14 });
}

describe('system-account tokens in the report', () => {
  it('keeps name, created, last used and expiry, and flags expired, expiring, never used and never expiring', () => {
    const ci = liveAccount('ci', {
      accessTokens: [
        token('fresh'),
        token('old', { expiresAt: '2027-01-01T00:00:00Z' }),
        token('soon', { expiresAt: '2027-01-25T00:00:00.000Z' }),
        token('idle', { lastUsedAt: null }),
        token('forever', { expiresAt: null }),
      ],
    });
    const r = reportOf(ci);
    expect(r.system_accounts[0]).toMatchObject({ name: 'ci', access_tokens_status: 'read' });
    expect(r.system_accounts[0]!.access_tokens!.map((t) => `${t.name} [${t.flags}]`)).toEqual(['fresh []', 'old [expired]', 'soon [expiring]', 'idle [never_used]', 'forever [no_expiry]']);
    expect(r.system_accounts[0]!.access_tokens![0]).toEqual({ name: 'fresh', created_at: '2026-06-01T00:00:00Z', last_used_at: '2027-01-19T08:00:00Z', expires_at: '2027-06-01T00:00:00Z', flags: [] });
    expect(r.summary).toMatchObject({ access_tokens: 5, expired_tokens: 1, expiring_tokens: 1, unused_tokens: 1, tokens_without_expiry: 1, unreadable_token_lists: 0 });
  });

  it('copies no other field, whatever the token object carries', () => {
    const leaky = { ...token('deploy'), id: 'tok-1', token: 'spat_SECRETsecretSECRETsecret' } as LiveAccessToken;
    const r = reportOf(liveAccount('ci', { accessTokens: [leaky] }));
    expect(Object.keys(r.system_accounts[0]!.access_tokens![0]!).sort()).toEqual(['created_at', 'expires_at', 'flags', 'last_used_at', 'name']);
    expect(JSON.stringify(r)).not.toContain('SECRET');
    expect(JSON.stringify(r)).not.toContain('tok-1');
  });

  it('says which account Konnect would not list tokens for, and goes on with the others', () => {
    const r = reportOf(liveAccount('locked', { accessTokens: null }), liveAccount('ci', { accessTokens: [] }));
    expect(r.system_accounts.map((a) => `${a.name} ${a.access_tokens_status} ${JSON.stringify(a.access_tokens)}`)).toEqual(['locked not_readable null', 'ci read []']);
    expect(r.summary.unreadable_token_lists).toBe(1);
    const html = renderReportHtml(r);
    expect(html).toContain('<td>locked</td><td></td><td></td><td></td><td></td><td>not readable: Konnect refused the token list (403 or 404)</td>');
    expect(html).toContain('<td>ci</td><td></td><td></td><td></td><td></td><td>no access tokens</td>');
  });

  it('escapes a token name in the HTML table', () => {
    const html = renderReportHtml(reportOf(liveAccount('ci', { accessTokens: [token('<b>x</b>', { lastUsedAt: null })] })));
    expect(html).toContain('<td>ci</td><td>&lt;b&gt;x&lt;/b&gt;</td><td>2026-06-01T00:00:00Z</td><td>never</td><td>2027-06-01T00:00:00Z</td><td>never used</td>');
  });

  it('read from files, there is no token information, and the page says so', () => {
    const r = buildReport({ desired: { ...desiredState([]), systemAccounts: [desiredAccount('ci')] }, now: NOW, expiringWithinDays: 14 });
    expect(r.system_accounts[0]).toMatchObject({ access_tokens_status: 'not_read', access_tokens: null });
    expect(r.summary.access_tokens).toBe(0);
    expect(renderReportHtml(r)).toContain('System-account access tokens: not read (a report from files holds no tokens');
  });
});
