/** A saved plan's facts about IdP group mappings and the SSO settings, checked against the live org (plan/moved-idp.ts). */
import { describe, expect, it } from 'vitest';
import type { LiveState } from '../../src/live.js';
import { movedFacts } from '../../src/plan/moved.js';
import type { Change, Plan } from '../../src/plan/types.js';
import { liveState, liveTeam, liveUser } from '../support/builders.js';

const plan = (changes: Change[]): Plan => ({ format_version: '2.0', summary: { create: 0, update: 0, delete: 0 }, refusals: [], changes, pending: [] });
const provider = { id: 'p-1', type: 'oidc', loginPath: 'acme', enabled: true };

describe('IdP group mapping facts', () => {
  const ops = liveTeam('Ops', { idpGroups: [{ id: 'm-1', group: 'legacy' }] });
  const live = (extra: Partial<LiveState> = {}): LiveState => ({ ...liveState([liveUser('owner@example.com')], [ops]), idp: { providers: [provider], selected: provider }, ...extra });
  const unmap: Change = { op: 'delete', kind: 'team-idp-group', key: 'Ops/legacy', team: { name: 'Ops', id: ops.id }, idp_group: { provider_id: 'p-1', group: 'legacy', id: 'm-1' } };

  it('hold while the mapping is as the plan saw it', () => {
    expect(movedFacts(plan([unmap]), live())).toEqual([]);
  });

  it('name what cannot be checked or has gone: mappings not read, the provider, the team', () => {
    expect(movedFacts(plan([unmap]), live({ idp: undefined }))[0]).toContain('the plan changes IdP group mappings, which were not read again');
    expect(movedFacts(plan([unmap]), live({ idp: { providers: [] } }))[0]).toContain('identity provider p-1, whose mappings the plan changes, no longer exists');
    const withoutOps = { ...live(), teams: live().teams.filter((t) => t.id !== ops.id) };
    expect(movedFacts(plan([unmap]), withoutOps)).toContain(`team "Ops" (id ${ops.id}) was deleted (the plan's "unmap IdP group "legacy" from team Ops" depended on it)`);
  });
});

describe('who owns users\' team membership', () => {
  const ops = liveTeam('Ops');
  const bo = liveUser('bo@example.com');
  const join: Change = { op: 'create', kind: 'team-membership', key: 'Ops/bo@example.com', team: { name: 'Ops', id: ops.id }, user: { email: 'bo@example.com', id: bo.id } };
  const live = (extra: Partial<LiveState> = {}): LiveState => ({ ...liveState([liveUser('owner@example.com'), bo], [ops]), ...extra });

  it('a membership change holds only while Konnect owns membership, and says so when it cannot tell; one change is counted once', () => {
    expect(movedFacts(plan([join]), live())).toEqual([]);
    expect(movedFacts(plan([join]), live({ idpOwnsMembership: true }))[0]).toContain('users\' team membership follows the identity provider now');
    expect(movedFacts(plan([join]), live({ teams: [] }))).toEqual([`team "Ops" (id ${ops.id}) was deleted (the plan's "add bo@example.com to team Ops" depended on it)`]);
    expect(movedFacts(plan([join]), live({ idpMembershipUnread: 'GET /v3/authentication-settings left out idp_mapping_enabled' }))[0]).toContain('orgdeck cannot tell whether users\' team membership still follows Konnect, not the identity provider: GET /v3/authentication-settings left out idp_mapping_enabled');
  });
});
