/** Whether a change's outcome already holds (plan/in-place.ts): strict, so "already applied" never hides a difference. */
import { describe, expect, it } from 'vitest';
import type { LiveState } from '../../src/live.js';
import { countInPlace, inPlace } from '../../src/plan/in-place.js';
import { indexLive } from '../../src/plan/live-index.js';
import type { Change } from '../../src/plan/types.js';
import { liveAccount, liveState, liveTeam, liveUser } from '../support/builders.js';

const grant = { role: 'Viewer', entity_type: 'Control Planes', entity: 'prod', entity_id: 'cp-1', region: 'us' };
const liveGrant = { id: 'g-1', role: 'Viewer', entityType: 'Control Planes', entityId: 'cp-1', region: 'us' };

describe('inPlace', () => {
  const ops = liveTeam('Ops', { description: 'Ops team' });
  const bo = liveUser('bo@example.com', { fullName: 'Bo Chen' });
  const bot = liveAccount('bot', { description: 'Reviewed', teamIds: [ops.id], roles: [liveGrant] });
  const live = (extra: Partial<LiveState> = {}): LiveState => ({ ...liveState([liveUser('owner@example.com'), bo], [ops]), systemAccounts: [bot], ...extra });
  const at = (c: Change, state = live()) => inPlace(c, indexLive(state));

  it('a created or updated thing is in place only with the plan\'s fields', () => {
    expect(at({ op: 'create', kind: 'team', key: 'Ops', team: { name: 'Ops' }, after: { name: 'Ops', description: 'Ops team', labels: {} } })).toBe(true);
    expect(at({ op: 'create', kind: 'team', key: 'Ops', team: { name: 'Ops' }, after: { name: 'Ops', description: 'Other', labels: {} } })).toBe(false);
    expect(at({ op: 'update', kind: 'user', key: 'bo@example.com', user: { email: 'bo@example.com', id: bo.id }, before: { full_name: 'Bo' }, after: { full_name: 'Bo Chen' } })).toBe(true);
    const update = { op: 'update', kind: 'system-account', key: 'bot', system_account: { name: 'bot', id: bot.id }, before: { description: 'Old' }, after: { description: 'Reviewed' } } as const;
    expect(at(update)).toBe(true);
    expect(at(update, live({ systemAccounts: [{ ...bot, name: 'robot' }] }))).toBe(false);
  });

  it('a deletion is in place when nothing with its id, nor its name or email, exists', () => {
    const del: Change = { op: 'delete', kind: 'user', key: 'bo@example.com', user: { email: 'bo@example.com', id: 'gone' } };
    expect(at(del)).toBe(false);
    expect(at(del, live({ users: [liveUser('owner@example.com')] }))).toBe(true);
    expect(at({ op: 'delete', kind: 'system-account', key: 'x', system_account: { name: 'x', id: 'gone' } })).toBe(true);
  });

  it('memberships, grants and mappings: present for an addition, absent for a removal', () => {
    const join: Change = { op: 'create', kind: 'system-account-membership', key: 'Ops/bot', team: { name: 'Ops', id: ops.id }, system_account: { name: 'bot', id: bot.id } };
    expect(at(join)).toBe(true);
    expect(at({ ...join, op: 'delete' })).toBe(false);
    const revoke: Change = { op: 'delete', kind: 'system-account-role', key: 'bot/Viewer/Control Planes/prod/us', system_account: { name: 'bot', id: bot.id }, grant: { ...grant, id: 'g-other' } };
    expect(at(revoke)).toBe(false);
    const idp = { providers: [{ id: 'p', type: 'oidc', loginPath: 'x', enabled: true }], selected: { id: 'p', type: 'oidc', loginPath: 'x', enabled: true } };
    const mapped = { ...live(), teams: [{ ...ops, idpGroups: [{ id: 'm', group: 'eng' }] }], idp };
    const map: Change = { op: 'create', kind: 'team-idp-group', key: 'Ops/eng', team: { name: 'Ops', id: ops.id }, idp_group: { provider_id: 'p', group: 'eng' } };
    expect(at(map, mapped)).toBe(true);
    expect(at({ ...map, idp_group: { provider_id: 'other', group: 'eng' } }, mapped)).toBe(false);
  });

  it('what was not read, or cannot be told, is never in place', () => {
    const unread = live({ systemAccounts: undefined });
    expect(at({ op: 'delete', kind: 'system-account', key: 'x', system_account: { name: 'x', id: 'gone' } }, unread)).toBe(false);
    expect(at({ op: 'delete', kind: 'team-idp-group', key: 'Ops/eng', team: { name: 'Ops', id: ops.id }, idp_group: { provider_id: 'p', group: 'eng', id: 'm' } })).toBe(false);
    expect(at({ op: 'create', kind: 'invite', key: 'bo@example.com', user: { email: 'bo@example.com', id: bo.id } })).toBe(false);
    expect(countInPlace([], live())).toBe(0);
  });
});
