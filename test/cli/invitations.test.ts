import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failingProxy, OUTAGE } from '../support/failing-proxy.js';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

const NOW = new Date('2026-11-27T12:00:00Z');
const SEED = `_format_version: "1.0"
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: old@example.com, status: pending, invited_at: "2026-11-15T09:00:00Z" }
  - { email: fresh@example.com, status: pending, invited_at: "2026-11-25T08:00:00Z" }
  - { email: ana@example.com, full_name: Ana }
`;
const desired = (info: string) => file(`_format_version: "1.0"\n${info}users: [{ email: owner@example.com, teams: [Organization Admin] }, { email: old@example.com }, { email: fresh@example.com }, { email: ana@example.com }]\n`);
const RESEND_7 = '_info: { invites: { resend_after_days: 7 } }\n';

describe('invitations as state', () => {
  it('dump writes status: pending and invited_at; the JSON plan carries each wait', async () => {
    const { env } = await seededOrg(SEED, { now: () => NOW });
    const dump = await runCli(['dump'], { env, now: NOW });
    expect(dump.stdout).toContain('  - email: old@example.com\n    status: pending\n    invited_at: 2026-11-15T09:00:00.000Z\n');
    expect(dump.stdout).toContain('  - email: ana@example.com\n    full_name: Ana\n    status: active\n    teams: []\n  - email: fresh@example.com\n');
    const plan = JSON.parse((await runCli(['diff', '--format', 'json', desired('')], { env, now: NOW })).stdout);
    expect(plan.invitations).toEqual([
      { email: 'fresh@example.com', invited_at: '2026-11-25T08:00:00.000Z', days: 2 },
      { email: 'old@example.com', invited_at: '2026-11-15T09:00:00.000Z', days: 12 },
    ]);
    expect(plan.changes).toEqual([]);
  });

  it('re-sends only invitations older than resend_after_days, once per run, never to active users; the next run waits again', async () => {
    const { org, env } = await seededOrg(SEED, { now: () => NOW });
    const r = await runCli(['sync', '--yes', desired(RESEND_7)], { env, now: NOW });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('resend invitation to old@example.com (pending 12 days): done');
    expect(org.snapshot().invitations_sent?.map((i) => i.email)).toEqual(['old@example.com']);
    const again = await runCli(['sync', '--yes', desired(RESEND_7)], { env, now: NOW });
    expect(again.stdout).toContain('No changes');
    expect(org.snapshot().invitations_sent).toHaveLength(1);
    // Without the setting: never.
    const later = new Date('2027-03-01T00:00:00Z');
    expect((await runCli(['diff', desired('')], { env, now: later })).stdout).not.toContain('resend');
    // Eight days after the resend, it is due again.
    const nextWeek = new Date('2026-12-05T12:00:01Z');
    expect((await runCli(['diff', desired(RESEND_7)], { env, now: nextWeek })).stdout).toContain('resend invitation to old@example.com (pending 20 days)');
    const md = await runCli(['diff', '--format', 'markdown', desired(RESEND_7)], { env, now: nextWeek });
    expect(md.stdout).toContain('- `old@example.com` will have their invitation re-sent (pending 20 days)');
    expect(md.stdout).toContain('`fresh@example.com` has been invited and has not accepted yet (waiting 10 days)');
  });

  it('an ambiguous failure of the resend is not retried: one POST, a failed step, no second email', async () => {
    const { org } = await seededOrg(SEED, { now: () => NOW });
    let posts = 0;
    const addr = await failingProxy(org.baseUrl, (method, path) => {
      if (method !== 'POST' || !path.startsWith('/global/v3/invites')) return undefined;
      posts++;
      return OUTAGE;
    });
    const r = await runCli(['sync', '--yes', desired(RESEND_7)], { env: { KONNECT_ADDR: addr, KONNECT_TOKEN: TEST_TOKEN }, now: NOW });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('resend invitation to old@example.com (pending 12 days) failed: 503');
    expect(r.stdout).toContain('not retried');
    expect(posts).toBe(1);
  });
});
