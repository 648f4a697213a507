/**
 * Saved plans that check everything they change (issue 24): system accounts and IdP group
 * mappings are read again and their facts checked before any write; a plan whose every change
 * is in place already is "already applied", exit 0. End to end against the local org.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/local-org/index.js';
import type { Plan } from '../../src/plan/types.js';
import { byHand } from '../support/by-hand.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const IDP = '5b1a7c1e-0d6a-4a52-9a43-bbbbbbbbbbbb';
const OWNER = '  - { email: owner@example.com, teams: [Organization Admin] }\n';
const CP = 'control_planes: [{ name: prod, region: us }]\n';
const VIEWER = '{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }';

const LIVE = `_format_version: "1.0"
identity_providers: [{ type: oidc, id: ${IDP} }]
${CP}teams:
  - { name: Platform, description: Platform team, idp_groups: [legacy] }
  - { name: Ops }
users:
${OWNER}system_accounts:
  - { name: bot, description: Bot, teams: [Ops] }
  - { name: old-bot, description: Old }
`;

/** What the reviewed file asks: bot re-described, joins Platform, gets a grant; old-bot goes; Platform maps eng, not legacy. */
const DESIRED = `_format_version: "1.0"
teams:
  - { name: Platform, description: Platform team, idp_groups: [eng] }
  - { name: Ops }
users:
${OWNER}system_accounts:
  - { name: bot, description: Reviewed bot, teams: [Ops, Platform], roles: [${VIEWER}] }
  - { name: new-bot, description: New }
`;

function tmp(name: string, text?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-facts-')), name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
}

const writes = (org: LocalOrg) => org.requestLog().filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);

const accountId = (org: LocalOrg, name: string) => org.snapshot().system_accounts.find((a) => a.name === name)!.id;
const teamId = (org: LocalOrg, name: string) => org.snapshot().teams.find((t) => t.name === name)!.id;
const mapping = (org: LocalOrg, group: string) => org.snapshot().team_group_mappings.find((m) => m.group === group);

async function planned(live = LIVE, desired = DESIRED) {
  const seeded = await seededOrg(live);
  const out = tmp('plan.json');
  const r = await runCli(['diff', '--out', out, tmp('org.yaml', desired)], { env: seeded.env });
  expect(r.code, r.stderr).toBe(0);
  return { ...seeded, out, plan: JSON.parse(readFileSync(out, 'utf8')) as Plan };
}

/** sync --plan, expecting a refusal: exit 3, the moved-facts sentence, nothing written. */
async function expectRefused(org: LocalOrg, env: Record<string, string>, out: string, ...says: string[]) {
  const before = org.snapshot();
  org.clearRequestLog();
  const r = await runCli(['sync', '--plan', out, '--yes'], { env });
  expect(r.code, r.stdout + r.stderr).toBe(3);
  expect(r.stderr).toMatch(/^Refused: nothing was changed\.\n {2}- .*plan\.json \(made .*\) no longer matches the organization: \d+ facts? it depends on ha(s|ve) moved\./);
  for (const s of says) expect(r.stderr).toContain(s);
  expect(writes(org)).toEqual([]);
  expect(org.snapshot()).toEqual(before);
  return r;
}

describe('sync --plan: system accounts changed by hand after review', () => {
  it('the plan carries a fact for each system-account change it makes', async () => {
    const { org, plan } = await planned();
    const facts = Object.fromEntries(plan.changes.map((c) => [`${c.op} ${c.kind} ${c.key}`, c.preconditions]));
    const bot = { name: 'bot', id: accountId(org, 'bot') };
    expect(facts['update system-account bot']).toEqual([{ fact: 'system-account', ...bot, fields: { description: 'Bot' } }]);
    expect(facts['create system-account new-bot']).toEqual([{ fact: 'system-account-absent', name: 'new-bot' }]);
    expect(facts['delete system-account old-bot']).toEqual([{ fact: 'system-account', name: 'old-bot', id: accountId(org, 'old-bot'), fields: { description: 'Old' } }]);
    expect(facts['create system-account-membership Platform/bot']).toContainEqual({ fact: 'account-member', present: false, team: { name: 'Platform', id: teamId(org, 'Platform') }, system_account: bot });
    expect(facts['create system-account-role bot/Viewer/Control Planes/prod/us']).toContainEqual(expect.objectContaining({ fact: 'grant', present: false, holder: { kind: 'system-account', key: 'bot', id: bot.id } }));
  });

  it('an account renamed and re-described by hand is refused, exit 3: its description is not overwritten', async () => {
    const { org, env, out } = await planned();
    const id = accountId(org, 'bot');
    await byHand(org, 'PATCH', `/system-accounts/${id}`, { name: 'robot', description: 'Set by hand' });
    await expectRefused(org, env, out, `system account "bot" (id ${id}) was renamed to "robot"`, 'the plan\'s "update system account bot');
    expect(org.snapshot().system_accounts.find((a) => a.id === id)).toMatchObject({ name: 'robot', description: 'Set by hand' });
  });

  it('an account whose description was changed by hand is refused, exit 3', async () => {
    const { org, env, out } = await planned();
    await byHand(org, 'PATCH', `/system-accounts/${accountId(org, 'bot')}`, { description: 'Set by hand' });
    await expectRefused(org, env, out, 'system account "bot"\'s description is now "Set by hand", not "Bot" as when the plan was made');
  });

  it('an account to delete that was re-described, or one to create that exists now, is refused', async () => {
    const { org, env, out } = await planned();
    await byHand(org, 'PATCH', `/system-accounts/${accountId(org, 'old-bot')}`, { description: 'Still used' });
    await byHand(org, 'POST', '/system-accounts', { name: 'new-bot', description: 'Made by hand' });
    await expectRefused(org, env, out, 'system account "old-bot"\'s description is now "Still used"', `a system account named "new-bot" exists in Konnect now (id ${accountId(org, 'new-bot')})`);
  });
});

describe('sync --plan: IdP group mappings changed by hand after review', () => {
  it('reads the mappings again, and the plan carries their facts', async () => {
    const { org, env, out, plan } = await planned();
    const platform = { name: 'Platform', id: teamId(org, 'Platform') };
    const facts = Object.fromEntries(plan.changes.map((c) => [`${c.op} ${c.kind} ${c.key}`, c.preconditions]));
    expect(facts['create team-idp-group Platform/eng']).toEqual([{ fact: 'team', ...platform }, { fact: 'idp-group', present: false, team: platform, provider_id: IDP, group: 'eng' }]);
    expect(facts['delete team-idp-group Platform/legacy']).toEqual([{ fact: 'team', ...platform }, { fact: 'idp-group', present: true, team: platform, provider_id: IDP, group: 'legacy', id: mapping(org, 'legacy')!.id }]);
    org.clearRequestLog();
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(org.requestLog().some((e) => e.method === 'GET' && e.path.startsWith(`/global/v3/identity-providers/${IDP}/team-group-mappings`))).toBe(true);
    expect(org.snapshot().team_group_mappings.map((m) => m.group)).toEqual(['eng']);
  });

  it('a mapping to remove that was removed by hand: refused, and the sentence says part of the plan is in place', async () => {
    const { org, env, out } = await planned();
    await byHand(org, 'DELETE', `/identity-providers/${IDP}/team-group-mappings/${mapping(org, 'legacy')!.id}`);
    const r = await expectRefused(org, env, out, 'IdP group "legacy" is no longer mapped to team "Platform" (the plan\'s "unmap IdP group "legacy" from team Platform" depended on it)');
    expect(r.stderr).toContain('1 of its 7 changes is in place already (applied before, or made by hand); the others are not applied on their own.');
  });

  it('a mapping unmapped and mapped again by hand (a new id), or a mapping to add made by hand, is refused', async () => {
    const { org, env, out } = await planned();
    const platform = teamId(org, 'Platform');
    await byHand(org, 'DELETE', `/identity-providers/${IDP}/team-group-mappings/${mapping(org, 'legacy')!.id}`);
    await byHand(org, 'POST', `/identity-providers/${IDP}/team-group-mappings`, { team_id: platform, group: 'legacy' });
    await byHand(org, 'POST', `/identity-providers/${IDP}/team-group-mappings`, { team_id: platform, group: 'eng' });
    await expectRefused(org, env, out, 'IdP group "legacy" was unmapped from team "Platform" and mapped again', 'IdP group "eng" is mapped to team "Platform" already');
  });

  it('a plan saved before mappings had facts of their own is still checked: the facts follow from its changes', async () => {
    const { org, env, out, plan } = await planned();
    for (const c of plan.changes) c.preconditions = c.preconditions?.filter((f) => f.fact !== 'idp-group');
    writeFileSync(out, JSON.stringify(plan));
    await byHand(org, 'POST', `/identity-providers/${IDP}/team-group-mappings`, { team_id: teamId(org, 'Platform'), group: 'eng' });
    await expectRefused(org, env, out, 'IdP group "eng" is mapped to team "Platform" already');
  });

  it('a fact of a kind this orgdeck does not know is refused in one sentence, a known kind by its own shape only, exit 1, before any request', async () => {
    const { org, env, out, plan } = await planned();
    (plan.changes[0]!.preconditions as unknown[]).push({ fact: 'sso-settings', enabled: true });
    (plan.changes[1]!.preconditions as unknown[]).push({ fact: 'team', name: 'Ops' });
    writeFileSync(out, JSON.stringify(plan));
    org.clearRequestLog();
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Error: The plan "${out}" cannot be applied; nothing was sent:`);
    const at = plan.changes[0]!.preconditions!.length - 1;
    const about = r.stderr.split('\n').filter((l) => l.includes(`/changes/0/preconditions/${at}`));
    expect(about).toEqual([expect.stringMatching(new RegExp(`^ {2}- /changes/0/preconditions/${at}: a precondition of kind "sso-settings", which this orgdeck does not know \\(a plan made by a newer orgdeck\\?\\); it knows user-absent, user, .*idp-group, konnect-owns-membership, .*grant\\.$`))]);
    expect(r.stderr).toContain(`/changes/1/preconditions/${plan.changes[1]!.preconditions!.length - 1}: "id" is missing.`);
    expect(r.stderr).not.toContain('must be "user-absent"');
    expect(org.requestLog()).toEqual([]);
  });
});

describe('sync --plan: the SSO settings behind users\' team membership', () => {
  it('a plan that changes users\' teams is refused once the IdP owns team membership (SSO with IdP mapping turned on by hand)', async () => {
    const live = `_format_version: "1.0"\nidentity_providers: [{ type: oidc, id: ${IDP} }]\nteams: [{ name: Ops }]\nusers:\n${OWNER}  - { email: bo@example.com }\n`;
    const { org, env, out, plan } = await planned(live, `_format_version: "1.0"\nteams: [{ name: Ops }]\nusers:\n${OWNER}  - { email: bo@example.com, teams: [Ops] }\n`);
    expect(plan.changes[0]!.preconditions).toContainEqual({ fact: 'konnect-owns-membership' });
    await byHand(org, 'PATCH', '/authentication-settings', { oidc_auth_enabled: true, idp_mapping_enabled: true, konnect_mapping_enabled: false });
    await expectRefused(org, env, out, 'users\' team membership follows the identity provider now (SSO with IdP mapping on, Konnect mapping off), which resets it at each login (the plan\'s "add bo@example.com to team Ops" depended on it)');
  });
});

describe('sync --plan: a plan already applied', () => {
  it('applied twice: the second run says "already applied: nothing to do", exit 0, and sends no write', async () => {
    const { org, env, out, plan } = await planned();
    const first = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(writes(org)).toHaveLength(plan.changes.length);
    const after = org.snapshot();
    org.clearRequestLog();
    const second = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toBe(`${out}: already applied: nothing to do. All ${plan.changes.length} changes of the plan made ${plan.origin!.created_at} are in place in the organization.\n`);
    expect(second.stderr).not.toContain('Refused');
    expect(writes(org)).toEqual([]);
    expect(org.snapshot()).toEqual(after);
    const json = await runCli(['sync', '--plan', out, '--dry-run', '--format', 'json'], { env });
    expect(json.code).toBe(0);
    expect(json.stderr).toContain('already applied: nothing to do');
    expect(JSON.parse(json.stdout)).toMatchObject({ changes: [], summary: { create: 0, update: 0, delete: 0 } });
  });

  it('made by hand counts as applied; made by hand with other fields does not', async () => {
    const live = `_format_version: "1.0"\nidentity_providers: [{ type: oidc, id: ${IDP} }]\nteams: [{ name: Ops }]\nusers:\n${OWNER}`;
    const desired = `_format_version: "1.0"\nteams: [{ name: Ops }, { name: Data, description: Data team }]\nusers:\n${OWNER}  - { email: ana@example.com, teams: [Ops] }\n`;
    const { org, env, out } = await planned(live, desired);
    await byHand(org, 'POST', '/teams', { name: 'Data', description: 'Not the reviewed one' });
    await byHand(org, 'POST', '/invites', { email: 'ana@example.com' });
    const ana = org.snapshot().users.find((u) => u.email === 'ana@example.com')!.id;
    await byHand(org, 'POST', `/teams/${teamId(org, 'Ops')}/users`, { id: ana });
    await expectRefused(org, env, out, 'a team named "Data" exists in Konnect now');
    await byHand(org, 'PATCH', `/teams/${teamId(org, 'Data')}`, { description: 'Data team' });
    org.clearRequestLog();
    const r = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('already applied: nothing to do. All 3 changes');
    expect(writes(org)).toEqual([]);
  });
});
