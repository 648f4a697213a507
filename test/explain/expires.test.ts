/** explain shows an entry's expiry, and reads expired access as the diff does: gone after sync. */
import { describe, expect, it } from 'vitest';
import { explainAccess } from '../../src/explain/explain.js';
import { renderExplainText } from '../../src/explain/render-text.js';
import { desiredState, desiredTeam, desiredUser, liveState, liveTeam, liveUser } from '../support/builders.js';

const now = Date.parse('2027-02-01T12:00:00Z');

describe('explain with expires', () => {
  it('marks a membership and a grant that expire later as kept, and expired ones as lost, with their dates', () => {
    const owner = liveUser('owner@example.com');
    const ana = liveUser('ana@example.com', { roles: [{ id: 'g1', role: 'Viewer', entityType: 'Control Planes', entityId: '*', region: '*' }] });
    const payments = liveTeam('Payments', { memberIds: [ana.id] });
    const platform = liveTeam('Platform', { memberIds: [ana.id] });
    const user = desiredUser('ana@example.com', {
      teams: ['Payments', 'Platform'],
      teamExpiry: { Payments: { on: '2027-01-31' }, Platform: { on: '2027-03-01' } },
      roles: [{ role: 'Viewer', entityType: 'Control Planes', entity: '*', region: '*', expires: { on: '2027-01-31' } }],
    });
    const r = explainAccess('ana@example.com', desiredState([user], [desiredTeam('Payments'), desiredTeam('Platform')]), liveState([owner, ana], [payments, platform]), now)!;
    expect(r.explanation.access.map((a) => [a.via, a.role, a.live, a.desired, a.expires])).toEqual([
      ['direct', 'Viewer', true, false, '2027-01-31'],
      ['team:Payments', null, true, false, '2027-01-31'],
      ['team:Platform', null, true, true, '2027-03-01'],
    ]);
    const text = renderExplainText(r);
    expect(text).toContain('loses  Viewer on Control Planes * (*), direct (expired on 2027-01-31)');
    expect(text).toContain('loses  member of team Payments (expired on 2027-01-31)');
    expect(text).toContain('keeps  member of team Platform (expires on 2027-03-01)');
    // Without a clock nothing has expired: the same file keeps everything.
    expect(explainAccess('ana@example.com', desiredState([user], [desiredTeam('Payments'), desiredTeam('Platform')]), liveState([owner, ana], [payments, platform]))!.explanation.access.every((a) => a.desired)).toBe(true);
  });

  it("a team's grant ends with the membership that carries it: the earlier date, with or without its own", () => {
    const ana = liveUser('ana@example.com');
    const user = desiredUser('ana@example.com', { teams: ['Payments'], teamExpiry: { Payments: { on: '2027-02-12' } } });
    const payments = desiredTeam('Payments', {
      roles: [
        { role: 'Viewer', entityType: 'Control Planes', entity: '*', region: '*', expires: { on: '2027-02-15' } },
        { role: 'Viewer', entityType: 'Audit Logs', entity: '*', region: '*' },
        { role: 'Admin', entityType: 'Audit Logs', entity: '*', region: '*', expires: { on: '2027-02-10' } },
      ],
    });
    const r = explainAccess('ana@example.com', desiredState([user], [payments]), liveState([liveUser('owner@example.com'), ana], [liveTeam('Payments')]), now)!;
    expect(r.explanation.access.map((a) => `${a.role ?? 'member'} ${a.entity_type ?? ''} ${a.expires}`)).toEqual([
      'member  2027-02-12',
      'Admin Audit Logs 2027-02-10',
      'Viewer Audit Logs 2027-02-12',
      'Viewer Control Planes 2027-02-12',
    ]);
  });

  it("a team's grant held through an expired membership is lost with it, at the line that declares it, not as 'not in the file'", () => {
    const ana = liveUser('ana@example.com');
    const ops = liveTeam('Ops', { memberIds: [ana.id], roles: [{ id: 'g9', role: 'Admin', entityType: 'Control Planes', entityId: '*', region: '*' }] });
    const user = desiredUser('ana@example.com', { teams: ['Ops'], teamExpiry: { Ops: { on: '2027-01-31' } } });
    const declared = desiredTeam('Ops', { roles: [{ role: 'Admin', entityType: 'Control Planes', entity: '*', region: '*', at: 'org.yaml:5:9' }] });
    const r = explainAccess('ana@example.com', desiredState([user], [declared]), liveState([liveUser('owner@example.com'), ana], [ops]), now)!;
    expect(r.explanation.access.map((a) => [a.role ?? 'member', a.live, a.desired, a.expires, a.source])).toEqual([
      ['member', true, false, '2027-01-31', null],
      ['Admin', true, false, '2027-01-31', 'org.yaml:5:9'],
    ]);
    expect(renderExplainText(r)).toContain('loses  Admin on Control Planes * (*), through team Ops (expired on 2027-01-31)');
  });
});
