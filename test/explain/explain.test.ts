/** explainAccess is pure: desired + live in, one person's access out. Each case states what differs. */
import { describe, expect, it } from 'vitest';
import { explainAccess } from '../../src/explain/explain.js';
import type { LiveGrant } from '../../src/live.js';
import { desiredState, desiredTeam, desiredUser, liveState, liveTeam, liveUser } from '../support/builders.js';

const grant = (role: string, entityType: string, entityId = '*', region = '*'): LiveGrant => ({ id: `g-${role}`, role, entityType, entityId, region });
const brief = (r: ReturnType<typeof explainAccess>) => r?.explanation.access.map((a) => `${a.via} ${a.role ?? 'member'} live=${a.live} desired=${a.desired}`);

describe('explainAccess', () => {
  const ana = liveUser('ana@example.com', { roles: [grant('Viewer', 'Dashboards')] });
  const owner = liveUser('owner@example.com');
  const ops = liveTeam('Ops', { memberIds: [ana.id], roles: [grant('Admin', 'Audit Logs')] });

  it('with unlisted_users: ignore, an unlisted person keeps their grants and teams, while the team\'s grants follow the file', () => {
    const r = explainAccess('ana@example.com', desiredState([], [desiredTeam('Ops')], { unlistedUsers: 'ignore' }), liveState([owner, ana], [ops]));
    expect(r?.note).toBe('not in the file; unlisted_users: ignore leaves them as they are');
    expect(brief(r)).toEqual(['direct Viewer live=true desired=true', 'team:Ops member live=true desired=true', 'team:Ops Admin live=true desired=false']);
  });

  it('with unlisted_users: remove, an unlisted person loses everything', () => {
    const r = explainAccess('ana@example.com', desiredState([], [desiredTeam('Ops')]), liveState([owner, ana], [ops]));
    expect(brief(r)).toEqual(['direct Viewer live=true desired=false', 'team:Ops member live=true desired=false', 'team:Ops Admin live=true desired=false']);
  });

  it('a custom team is left alone when the file has no teams key: membership and grants stay', () => {
    const unmanaged = { ...ops, inScope: false };
    const r = explainAccess('ana@example.com', desiredState([desiredUser('ana@example.com')], [], { manageTeams: false }), liveState([owner, ana], [unmanaged]));
    expect(brief(r)).toEqual(['direct Viewer live=true desired=false', 'team:Ops member live=true desired=true', 'team:Ops Admin live=true desired=true']);
  });

  it('a team the file changes: its new grants count for every member, the old ones are lost', () => {
    const team = desiredTeam('Ops', { roles: [{ role: 'Admin', entityType: 'Identity', entity: '*', region: '*', at: 'org.yaml:3:9' }] });
    const user = desiredUser('ana@example.com', { teams: ['Ops'], teamsAt: { Ops: 'org.yaml:9:13' } });
    const r = explainAccess('ana@example.com', desiredState([user], [team]), liveState([owner, ana], [ops]));
    expect(r?.explanation.access.filter((a) => a.via === 'team:Ops').map((a) => [a.role, a.entity_type, a.source, a.live, a.desired])).toEqual([
      [null, null, 'org.yaml:9:13', true, true],
      ['Admin', 'Audit Logs', null, true, false],
      ['Admin', 'Identity', 'org.yaml:3:9', false, true],
    ]);
  });

  it('a grant whose entity is not in the org is still shown, with the problem sync would stop on', () => {
    const user = desiredUser('ana@example.com', { roles: [{ role: 'Viewer', entityType: 'Control Planes', entity: 'nope', region: 'us', at: 'org.yaml:5:9' }] });
    const r = explainAccess('ana@example.com', desiredState([user]), liveState([owner, ana]));
    expect(r?.explanation.access[0]).toEqual({ role: 'Viewer', entity_type: 'Control Planes', entity: 'nope', region: 'us', via: 'direct', source: 'org.yaml:5:9', live: false, desired: true });
    expect(r?.problems).toEqual([expect.stringContaining('org.yaml:5:9  ana@example.com: Viewer on Control Planes "nope" was not found in region us.')]);
  });

  it('a pending invitee is noted; an email in neither side is undefined', () => {
    const pending = liveUser('bo@example.com', { active: false });
    const desired = desiredState([desiredUser('bo@example.com')]);
    expect(explainAccess('Bo@Example.com', desired, liveState([owner, ana, pending]))?.note).toBe('invited, has not accepted yet');
    expect(explainAccess('cy@example.com', desired, liveState([owner, ana]))).toBeUndefined();
  });
});
