/**
 * SSO settings that do not tell who owns team membership (issue 25, item 12d): a 403, or an answer
 * without the fields (the spec makes each optional), is not read as "Konnect owns membership".
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Answer, corruptingProxy, jsonAnswer } from '../support/corrupting-proxy.js';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

const LIVE = `_format_version: "1.0"
users: [{ email: owner@example.com, teams: [Organization Admin] }, { email: bo@example.com, teams: [Portal Admin] }]
`;
const DESIRED = `_format_version: "1.0"
users:
  - email: owner@example.com
    teams: [Organization Admin]
  - email: bo@example.com
    teams: [Analytics Viewer]
    roles: [{ role: Viewer, entity_type: Control Planes, entity: "*", region: "*" }]
`;
const FORBIDDEN: Answer = { status: 403, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ status: 403, title: 'Forbidden', detail: 'You do not have permission to perform this action' }) };

async function behind(settings: Answer) {
  const { org } = await seededOrg(LIVE);
  const proxy = await corruptingProxy(org.baseUrl, (req) => (req.method === 'GET' && req.path === '/v3/authentication-settings' ? settings : undefined));
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
  writeFileSync(path, DESIRED);
  return { org, path, env: { KONNECT_ADDR: proxy.addr, KONNECT_TOKEN: TEST_TOKEN } };
}

const teamsOf = (org: Awaited<ReturnType<typeof seededOrg>>['org'], email: string) => {
  const data = org.snapshot();
  const id = data.users.find((u) => u.email === email)!.id;
  return data.team_users.filter((m) => m.user_id === id).map((m) => data.teams.find((t) => t.id === m.team_id)!.name);
};

describe('authentication settings that do not tell who owns membership', () => {
  it.each([
    ['a 403', FORBIDDEN, /cannot tell whether team membership of users follows your identity provider: the token may not read the authentication settings \(GET \/v3\/authentication-settings: 403/],
    ['an empty object', jsonAnswer({}), /cannot tell whether team membership of users follows your identity provider: GET \/v3\/authentication-settings left out oidc_auth_enabled, saml_auth_enabled, idp_mapping_enabled, konnect_mapping_enabled\./],
  ])('%s: users\' teams are left alone with a notice saying why, the grants still sync', async (_, settings, notice) => {
    const { org, path, env } = await behind(settings);
    const plan = JSON.parse((await runCli(['diff', '--format', 'json', path], { env })).stdout);
    expect(plan.changes.map((c: { kind: string }) => c.kind)).toEqual(['user-role']);
    expect(plan.notes).toEqual([{ topic: 'idp-membership', count: 2, message: expect.stringMatching(notice) }]);

    const r = await runCli(['sync', '--yes', path], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(notice);
    expect(teamsOf(org, 'bo@example.com')).toEqual(['Portal Admin']);
  });

  it('settings that say SSO is off are read as they say: membership is orgdeck\'s', async () => {
    const { org, path, env } = await behind(jsonAnswer({ basic_auth_enabled: true, oidc_auth_enabled: false, saml_auth_enabled: false }));
    const r = await runCli(['sync', '--yes', path], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('cannot tell');
    expect(teamsOf(org, 'bo@example.com')).toEqual(['Analytics Viewer']);
  });
});
