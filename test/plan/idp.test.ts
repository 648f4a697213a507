import { describe, expect, it } from 'vitest';
import { leaveMembershipToIdp } from '../../src/diff/idp.js';
import type { Change } from '../../src/plan/types.js';

const join = (email: string): Change => ({ op: 'create', kind: 'team-membership', key: `Platform/${email}`, user: { email }, team: { name: 'Platform' } });
const leave = (email: string): Change => ({ op: 'delete', kind: 'team-membership', key: `Platform/${email}`, user: { email, id: 'u' }, team: { name: 'Platform', id: 't' } });
const createTeam: Change = { op: 'create', kind: 'team', key: 'Platform', team: { name: 'Platform' } };
/** A membership whose member is not a user (a system account): not the IdP's. */
const accountJoins: Change = { op: 'create', kind: 'team-membership', key: 'Platform/ci-bot', team: { name: 'Platform' } };

describe('leaveMembershipToIdp', () => {
  it('drops users\' membership changes only when the IdP owns membership, and counts them in one note', () => {
    const changes = [createTeam, join('a@example.com'), leave('b@example.com'), accountJoins];
    expect(leaveMembershipToIdp(changes, { idpOwnsMembership: false })).toEqual({ changes, notes: [] });
    expect(leaveMembershipToIdp(changes, {})).toEqual({ changes, notes: [] });
    const left = leaveMembershipToIdp(changes, { idpOwnsMembership: true });
    expect(left.changes).toEqual([createTeam, accountJoins]);
    expect(left.notes).toHaveLength(1);
    expect(left.notes[0]).toMatchObject({ topic: 'idp-membership', count: 2 });
    expect(left.notes[0]!.message).toContain('leaves 2 membership differences');
  });

  it('says nothing when there is no membership difference', () => {
    expect(leaveMembershipToIdp([createTeam], { idpOwnsMembership: true })).toEqual({ changes: [createTeam], notes: [] });
  });
});
