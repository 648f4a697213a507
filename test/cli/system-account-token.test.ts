/**
 * Running orgdeck with a system account's token (`spat_…`): GET /v3/users/me answers 401 to it
 * (the local org follows the operation's spec security), so orgdeck runs as the account named
 * with KONNECT_SYSTEM_ACCOUNT, says so, and never takes that account's admin access; without a
 * name it still diffs and dumps, and refuses what could be its own admin access.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const SPAT = 'spat_CLItoken_do_not_print_0123456789abcdef';
/** The org (or file) with ci-admin in `ciTeams`; the live org also holds a retired account. */
const orgText = (ciTeams: string, extra = '') => `_format_version: "1.0"
teams:
  - name: Identity Admins
    roles: [{ role: Admin, entity_type: Identity, entity: "*", region: "*" }]
users:
  - email: owner@example.com
    teams: [Organization Admin]
system_accounts:
  - name: ci-admin
    description: Runs orgdeck in CI
    teams: ${ciTeams}
${extra}`;
const LIVE = orgText('[Organization Admin, Identity Admins]', '  - name: old-bot\n    description: Retired automation\n');

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-spat-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

const keepAll = (ciTeams: string) => file(orgText(ciTeams));

async function spatOrg() {
  const { org, env } = await seededOrg(LIVE, { systemAccount: 'ci-admin', token: SPAT });
  return { org, env: { ...env, KONNECT_TOKEN: SPAT } };
}

describe('a system-account token', () => {
  it('runs as the named account, says how it decided, and syncs (deleting another account)', async () => {
    const { org, env } = await spatOrg();
    const named = { ...env, KONNECT_SYSTEM_ACCOUNT: 'ci-admin' };
    const desired = keepAll('[Organization Admin, Identity Admins]');
    const diff = await runCli(['diff', desired], { env: named });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stderr).toContain('Note: orgdeck runs as system account "ci-admin": GET /v3/users/me answered 401, so the token is not a user\'s; --konnect-system-account names its account.');
    expect(diff.stdout).toContain('delete system account old-bot');
    const sync = await runCli(['sync', '--yes', desired], { env: named });
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    expect(org.snapshot().system_accounts.map((a) => a.name)).toEqual(['ci-admin']);
    const dump = await runCli(['dump'], { env: named });
    expect(dump.stdout).toContain('name: ci-admin');
    for (const out of [diff, sync, dump]) expect(out.stdout + out.stderr).not.toContain(SPAT);
  });

  it('never removes its own admin access: Organization Admin, or the team that gives it Identity Admin (exit 3, even with --force)', async () => {
    const { org, env } = await spatOrg();
    const named = { ...env, KONNECT_SYSTEM_ACCOUNT: 'ci-admin' };
    const before = org.snapshot();
    for (const teams of ['[Identity Admins]', '[Organization Admin]']) {
      const sync = await runCli(['sync', '--yes', '--force', keepAll(teams)], { env: named });
      expect(sync.code).toBe(3);
      expect(sync.stderr).toContain('takes admin access from system account "ci-admin", whose token orgdeck is using');
    }
    expect(org.snapshot()).toEqual(before);
  });

  it('without a name it still diffs and dumps, and refuses a plan that could take its own admin access', async () => {
    const { org, env } = await spatOrg();
    const diff = await runCli(['diff', keepAll('[Organization Admin, Identity Admins]')], { env });
    expect(diff.code).toBe(0);
    expect(diff.stderr).toContain('cannot tell which system account the token belongs to: GET /v3/users/me answered 401');
    expect((await runCli(['dump'], { env })).code).toBe(0);
    const before = org.snapshot();
    const sync = await runCli(['sync', '--yes', keepAll('[Organization Admin, Identity Admins]')], { env });
    expect(sync.code).toBe(3);
    expect(sync.stderr).toContain('delete system account old-bot. Name the token\'s account with --konnect-system-account NAME');
    expect(org.snapshot()).toEqual(before);
  });

  it('a name that is no account of the org is a usage error, before anything is written', async () => {
    const { env } = await spatOrg();
    const r = await runCli(['diff', '--konnect-system-account', 'ci-admn', keepAll('[Organization Admin]')], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--konnect-system-account names "ci-admn", but Konnect has no system account of that name');
  });

  describe('a wrong --konnect-system-account never deletes the token\'s own account (issue 25, item 7)', () => {
    /** The file keeps only old-bot: with old-bot named as the token's, the plan deletes ci-admin, the real one. */
    const keepOldBot = () => file(`_format_version: "1.0"\nusers:\n  - email: owner@example.com\n    teams: [Organization Admin]\nsystem_accounts:\n  - name: old-bot\n    description: Retired automation\n`);

    it('naming an account that holds no valid access token is refused: it cannot be the token\'s', async () => {
      const { org, env } = await spatOrg();
      const before = org.snapshot();
      const wrong = { ...env, KONNECT_SYSTEM_ACCOUNT: 'old-bot' };
      const sync = await runCli(['sync', '--yes', keepOldBot()], { env: wrong });
      expect(sync.code, sync.stdout + sync.stderr).toBe(1);
      expect(sync.stderr).toContain('--konnect-system-account names "old-bot", but that account holds no access token valid now');
      expect(org.snapshot()).toEqual(before);
    });

    it('naming another account that holds a token: deleting the real one, which may be the token\'s, is refused (exit 3, even with --force)', async () => {
      const { org, env } = await spatOrg();
      const oldBot = org.snapshot().system_accounts.find((a) => a.name === 'old-bot')!;
      const made = await fetch(`${org.baseUrl}/global/v3/system-accounts/${oldBot.id}/access-tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SPAT}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'nightly', expires_at: new Date(Date.now() + 86_400_000).toISOString() }),
      });
      expect(made.status).toBe(201);
      const before = org.snapshot();
      const wrong = { ...env, KONNECT_SYSTEM_ACCOUNT: 'old-bot' };
      const diff = await runCli(['diff', keepOldBot()], { env: wrong });
      expect(diff.stdout).toContain('delete system account ci-admin');
      expect(diff.stdout + diff.stderr).toContain('The plan deletes system account "ci-admin", which may hold the token orgdeck is using');
      const sync = await runCli(['sync', '--yes', '--force', keepOldBot()], { env: wrong });
      expect(sync.code, sync.stdout + sync.stderr).toBe(3);
      expect(sync.stderr).toContain('orgdeck never deletes an account that may be its own. If "ci-admin" is not the token\'s, revoke its access tokens first');
      expect(org.snapshot()).toEqual(before);
    });
  });
});
