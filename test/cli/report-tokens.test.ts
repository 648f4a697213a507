/**
 * `orgdeck report` against a local org: system-account tokens appear by name and dates only, the
 * secret POST returned never appears in any format, a refused token list is reported and not
 * fatal, and only report asks for token lists (dump does not).
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../schemas/report.schema.json' with { type: 'json' };
import type { Report } from '../../src/report/model.js';
import { failingProxy } from '../support/failing-proxy.js';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

const validate = new Ajv({ allErrors: true }).compile(schema);
const SEED = `_format_version: "1.0"
users:
  - { email: owner@example.com, teams: [Organization Admin] }
system_accounts:
  - { name: ci-deployer, description: CI }
  - { name: locked-bot, description: Another team's }
`;
const DAY = 86_400_000;

async function orgWithTokens() {
  const { org, env } = await seededOrg(SEED);
  const accounts = org.snapshot().system_accounts;
  const ci = accounts.find((a) => a.name === 'ci-deployer')!;
  const locked = accounts.find((a) => a.name === 'locked-bot')!;
  const post = async (accountId: string, name: string, expiresInMs: number) => {
    const made = await fetch(`${org.baseUrl}/global/v3/system-accounts/${accountId}/access-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, expires_at: new Date(Date.now() + expiresInMs).toISOString() }),
    });
    expect(made.status).toBe(201);
    return (await made.json()) as { token: string; created_at: string; expires_at: string };
  };
  const nightly = await post(ci.id, 'nightly', 3 * DAY);
  const deploy = await post(ci.id, 'deploy', 200 * DAY);
  const other = await post(locked.id, 'other', 100 * DAY);
  return { org, env, ci, locked, nightly, deploy, secrets: [nightly.token, deploy.token, other.token] };
}

describe('report: system-account tokens', () => {
  it('shows each token by name, created, last used and expiry in JSON and HTML; no secret in any format', async () => {
    const { env, nightly, deploy, secrets } = await orgWithTokens();
    const json = await runCli(['report', '--format', 'json'], { env });
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as Report;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const ci = report.system_accounts.find((a) => a.name === 'ci-deployer')!;
    expect(ci.access_tokens_status).toBe('read');
    expect(ci.access_tokens).toEqual([
      { name: 'nightly', created_at: nightly.created_at, last_used_at: null, expires_at: nightly.expires_at, flags: ['expiring', 'never_used'] },
      { name: 'deploy', created_at: deploy.created_at, last_used_at: null, expires_at: deploy.expires_at, flags: ['never_used'] },
    ]);
    expect(report.summary).toMatchObject({ access_tokens: 3, expiring_tokens: 1, unused_tokens: 3, unreadable_token_lists: 0 });
    const html = await runCli(['report', '--format', 'html'], { env });
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain(`<td>ci-deployer</td><td>nightly</td><td>${nightly.created_at}</td><td>never</td><td>${nightly.expires_at}</td><td>expiring, never used</td>`);
    const csv = await runCli(['report', '--format', 'csv'], { env });
    expect(csv.code, csv.stderr).toBe(0);
    for (const out of [json, html, csv]) for (const secret of secrets) expect(out.stdout + out.stderr).not.toContain(secret);
    expect(csv.stdout).not.toContain('nightly');
  });

  it('keeps only name and dates of what the server lists, even a secret it should never send', async () => {
    const { org, env, ci } = await orgWithTokens();
    const leaked = 'spat_LEAKEDleakedLEAKEDleakedLEAKEDleakedLEAKEDleaked01';
    const token = { id: '497f6eca-6276-4993-bfeb-53cbbbba6f08', name: 'leaky', created_at: '2026-08-01T14:16:09Z', updated_at: '2026-08-02T08:35:49Z', expires_at: '2027-12-31T12:52:23Z', last_used_at: '2026-10-24T13:05:42Z', token: leaked, secret: leaked };
    const addr = await failingProxy(org.baseUrl, (method, path) =>
      method === 'GET' && path.startsWith(`/global/v3/system-accounts/${ci.id}/access-tokens`) ? { status: 200, body: { meta: { page: { number: 1, size: 100, total: 1 } }, data: [token] } } : undefined,
    );
    const r = await runCli(['report', '--format', 'json'], { env: { ...env, KONNECT_ADDR: addr } });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.system_accounts.find((a) => a.name === 'ci-deployer')!.access_tokens).toEqual([
      { name: 'leaky', created_at: '2026-08-01T14:16:09Z', last_used_at: '2026-10-24T13:05:42Z', expires_at: '2027-12-31T12:52:23Z', flags: [] },
    ]);
    expect(r.stdout).not.toContain('LEAKED');
    expect(r.stdout).not.toContain(token.id);
  });

  it('a 403 on one account\'s tokens is reported for that account, and the report goes on', async () => {
    const { org, env, locked } = await orgWithTokens();
    const forbidden = { status: 403, title: 'Forbidden', instance: 'konnect:trace:1', detail: 'You do not have permission to perform this action' };
    const addr = await failingProxy(org.baseUrl, (method, path) => (method === 'GET' && path.startsWith(`/global/v3/system-accounts/${locked.id}/access-tokens`) ? { status: 403, body: forbidden } : undefined));
    const json = await runCli(['report', '--format', 'json'], { env: { ...env, KONNECT_ADDR: addr } });
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as Report;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.system_accounts.map((a) => `${a.name} ${a.access_tokens_status} ${a.access_tokens?.length ?? 'null'}`)).toEqual(['ci-deployer read 2', 'locked-bot not_readable null']);
    expect(report.summary.unreadable_token_lists).toBe(1);
    const html = await runCli(['report'], { env: { ...env, KONNECT_ADDR: addr } });
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain('<td>locked-bot</td><td></td><td></td><td></td><td></td><td>not readable: Konnect refused the token list (403 or 404)</td>');
  });

  it('dump and diff send no access-token request; report sends one per system account', async () => {
    const { org, env } = await orgWithTokens();
    const requests: string[] = [];
    const addr = await failingProxy(org.baseUrl, (method, path) => {
      requests.push(`${method} ${path}`);
      return undefined;
    });
    const dump = await runCli(['dump'], { env: { ...env, KONNECT_ADDR: addr } });
    expect(dump.code, dump.stderr).toBe(0);
    expect(dump.stdout).toContain('name: locked-bot');
    expect(requests.length).toBeGreaterThan(0);
    const diff = await runCli(['diff', '-'], { env: { ...env, KONNECT_ADDR: addr }, stdin: SEED });
    expect(diff.code, diff.stderr).toBe(0);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.includes('access-tokens'))).toEqual([]);
    requests.length = 0;
    const report = await runCli(['report', '--format', 'json'], { env: { ...env, KONNECT_ADDR: addr } });
    expect(report.code, report.stderr).toBe(0);
    expect(requests.filter((r) => r.includes('access-tokens'))).toHaveLength(2);
  });
});
