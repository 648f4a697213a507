/** buildReport is pure: the org as read (or the files) in, rows and flags out. Each case states what differs. */
import { describe, expect, it } from 'vitest';
import type { LiveGrant } from '../../src/live.js';
import type { LiveEntity } from '../../src/model.js';
import { buildReport } from '../../src/report/build.js';
import { desiredAccount, desiredState, desiredTeam, desiredUser, liveAccount, liveState, liveTeam, liveUser } from '../support/builders.js';

const NOW = Date.parse('2027-01-20T12:00:00Z');
const CP = '11111111-1111-4111-8111-111111111111';
const GONE = '22222222-2222-4222-8222-222222222222';
const prod: LiveEntity = { id: CP, name: 'prod', region: 'us', entityType: 'Control Planes' };
const grant = (role: string, entityType: string, entityId = '*', region = '*'): LiveGrant => ({ id: `g-${role}-${entityId}`, role, entityType, entityId, region });
const brief = (rows: ReturnType<typeof buildReport>['rows']) => rows.map((r) => `${r.principal} ${r.source}${r.team ? `:${r.team}` : ''} ${r.role ?? 'member'} ${r.entity ?? ''} [${r.flags.join(',')}]`);

describe('buildReport from the organization', () => {
  const owner = liveUser('owner@example.com');
  const ana = liveUser('ana@example.com', { roles: [grant('Admin', 'Control Planes', CP, 'us'), grant('Viewer', 'Control Planes', GONE, 'us')] });
  const bo = liveUser('bo@example.com', { active: false, invitedAt: '2027-01-10T12:00:00Z' });
  const platform = liveTeam('Platform', { memberIds: [ana.id], roles: [grant('Admin', 'Identity')], idpGroups: [{ id: 'm1', group: 'eng' }] });
  const idle = liveTeam('Idle');
  const live = () => ({ ...liveState([owner, ana, bo], [platform, idle]), entities: [prod], organization: { id: 'o1', name: 'Acme' } });

  it('lists every access of every principal, with entity name and id, and where it comes from', () => {
    const r = buildReport({ live: live(), now: NOW, expiringWithinDays: 14 });
    expect(brief(r.rows)).toEqual([
      'owner@example.com team:Organization Admin member  [organization_admin]',
      'ana@example.com direct Admin prod []',
      `ana@example.com direct Viewer ${GONE} [entity_missing]`,
      'ana@example.com team:Platform member  []',
      'ana@example.com team:Platform Admin * [identity_admin,org_wide]',
    ]);
    const admin = r.rows[1]!;
    expect(admin).toMatchObject({ principal_id: ana.id, entity: 'prod', entity_id: CP, region: 'us', status: 'active', team: null, declared_at: null });
    expect(r.rows[3]).toMatchObject({ team_id: platform.id, idp_groups: ['eng'] });
    expect(r.organization).toEqual({ id: 'o1', name: 'Acme' });
  });

  it('flags admins, pending invitations with their age, empty teams, gone entities and principals with nothing', () => {
    const r = buildReport({ live: live(), now: NOW, expiringWithinDays: 14 });
    expect(r.admins).toEqual([
      { principal_type: 'user', principal: 'owner@example.com', reasons: ['organization_admin'] },
      { principal_type: 'user', principal: 'ana@example.com', reasons: ['identity_admin', 'org_wide'] },
    ]);
    expect(r.pending_invitations).toEqual([{ email: 'bo@example.com', invited_at: '2027-01-10T12:00:00Z', age_days: 10 }]);
    expect(r.empty_teams).toEqual([{ name: 'Idle', id: idle.id }]);
    expect(r.unassigned).toEqual([{ principal_type: 'user', principal: 'bo@example.com' }]);
    expect(r.summary).toMatchObject({ users: 3, pending_invitations: 1, teams: 3, empty_teams: 1, rows: 5, admins: 2, org_wide_grants: 1, missing_entities: 1, unassigned: 1, expiring: 0 });
    expect(r.teams.find((t) => t.name === 'Platform')).toMatchObject({ members: 1, grants: [{ role: 'Admin', entity_type: 'Identity', entity: '*' }] });
  });

  it('says a membership comes from an IdP group when the IdP owns membership and the team has groups mapped', () => {
    const r = buildReport({ live: { ...live(), idpOwnsMembership: true }, now: NOW, expiringWithinDays: 14 });
    expect(r.rows.filter((x) => x.team === 'Platform').map((x) => x.source)).toEqual(['idp_group', 'idp_group']);
    expect(r.rows.find((x) => x.team === 'Organization Admin')?.source).toBe('team');
  });

  it('covers system accounts with their teams and grants, and never a token', () => {
    const ci = liveAccount('ci', { teamIds: [platform.id], roles: [grant('Viewer', 'Audit Logs')], liveToken: true });
    const r = buildReport({ live: { ...live(), systemAccounts: [ci] }, now: NOW, expiringWithinDays: 14 });
    expect(brief(r.rows.filter((x) => x.principal_type === 'system_account'))).toEqual([
      'ci direct Viewer * [org_wide]',
      'ci team:Platform member  []',
      'ci team:Platform Admin * [identity_admin,org_wide]',
    ]);
    expect(r.system_accounts).toEqual([{ name: 'ci', id: ci.id, description: 'ci account', konnect_managed: false, access_tokens_status: 'not_read', access_tokens: null }]);
    // Token lists are read by report alone (test/report/tokens.test.ts); with none read, nothing of a token shows but the keys that say so.
    const keys = /"(access_tokens|access_tokens_status|expired_tokens|expiring_tokens|tokens_without_expiry|unused_tokens|unreadable_token_lists)"/g;
    expect(JSON.stringify(r).replace(keys, '')).not.toMatch(/token/i);
  });
});

describe('buildReport from state files', () => {
  const state = desiredState(
    [
      desiredUser('ana@example.com', {
        teams: ['Platform', 'Organization Admin'],
        teamsAt: { Platform: 'org.yaml:9:7' },
        teamExpiry: { Platform: { on: '2027-01-25' } },
        roles: [{ role: 'Viewer', entityType: 'Control Planes', entity: 'prod', region: 'us', expires: { on: '2027-01-19' }, at: 'org.yaml:11:9' }],
      }),
      desiredUser('cy@example.com', { status: 'pending' }),
    ],
    [desiredTeam('Platform', { roles: [{ role: 'Admin', entityType: 'Control Planes', entity: CP, region: 'us', expires: { on: '2027-06-01' } }] }), desiredTeam('Idle')],
  );

  it('reads the files offline: names as written, ids when the file gives them, and the file:line:col that declares each', () => {
    const r = buildReport({ desired: { ...state, systemAccounts: [desiredAccount('ci', { teams: ['Platform'] })] }, now: NOW, expiringWithinDays: 14 });
    expect(r.source).toBe('file');
    expect(r.rows.find((x) => x.role === 'Viewer')).toMatchObject({ entity: 'prod', entity_id: null, declared_at: 'org.yaml:11:9', principal_id: null });
    expect(r.rows.find((x) => x.principal === 'ana@example.com' && x.role === 'Admin')).toMatchObject({ entity_id: CP, source: 'team', team: 'Platform' });
    expect(r.rows.filter((x) => x.principal === 'ci').map((x) => x.role)).toEqual([null, 'Admin']);
    expect(r.pending_invitations).toEqual([{ email: 'cy@example.com', invited_at: null, age_days: null }]);
    expect(r.empty_teams).toEqual([{ name: 'Idle', id: null }]);
    expect(r.teams.map((t) => `${t.name} ${t.members} ${t.predefined}`)).toEqual(['Platform 2 false', 'Idle 0 false', 'Organization Admin 1 true']);
  });

  it('flags access expiring within the window, and a team grant ends with the membership that carries it', () => {
    const r = buildReport({ desired: state, now: NOW, expiringWithinDays: 14 });
    const ana = r.rows.filter((x) => x.principal === 'ana@example.com').map((x) => `${x.team ?? 'direct'} ${x.role ?? 'member'} ${x.expires} [${x.flags.join(',')}]`);
    expect(ana).toEqual([
      'direct Viewer 2027-01-19 [expired]',
      'Organization Admin member null [organization_admin]',
      'Platform member 2027-01-25 [expiring]',
      'Platform Admin 2027-01-25 [expiring]',
    ]);
    expect(r.summary).toMatchObject({ expiring: 2, expired: 1 });
  });

  it('counts no expired membership: a team whose members have all expired is empty', () => {
    const lapsed = desiredState([desiredUser('ana@example.com', { teams: ['Contractors'], teamExpiry: { Contractors: { on: '2027-01-19' } } })], [desiredTeam('Contractors')]);
    const r = buildReport({ desired: lapsed, now: NOW, expiringWithinDays: 14 });
    expect(r.teams.find((t) => t.name === 'Contractors')?.members).toBe(0);
    expect(r.empty_teams).toEqual([{ name: 'Contractors', id: null }]);
    expect(r.rows.find((x) => x.team === 'Contractors')?.flags).toEqual(['expired']);
  });

  it('the window is a parameter: 3 days leaves 2027-01-25 out', () => {
    const r = buildReport({ desired: state, now: NOW, expiringWithinDays: 3 });
    expect(r.summary.expiring).toBe(0);
    expect(r.expiring_within_days).toBe(3);
  });
});
