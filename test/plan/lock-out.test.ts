/** The lock-out guard protects the access the token relies on: Organization Admin, or else Identity Admin however it is held. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build.js';
import type { LiveGrant } from '../../src/live.js';
import type { Grant } from '../../src/model.js';
import { checkGuards } from '../../src/plan/guards.js';
import { desiredState, desiredTeam, desiredUser, liveState, liveTeam, liveUser } from '../support/builders.js';

const IDENTITY_ADMIN: Grant = { role: 'Admin', entityType: 'Identity', entity: '*', region: '*' };
const identityAdmin = (id: string): LiveGrant => ({ id, role: 'Admin', entityType: 'Identity', entityId: '*', region: '*' });

/** The token's user (ci@) holds Identity Admin as asked; admin@ is the Organization Admin. */
function org(opts: { direct?: boolean; viaTeam?: boolean; orgAdmin?: boolean }) {
  const me = liveUser('ci@example.com', { roles: opts.direct ? [identityAdmin('direct')] : [] });
  const admin = liveUser('admin@example.com');
  const admins = liveTeam('Organization Admin', { system: true, memberIds: opts.orgAdmin ? [admin.id, me.id] : [admin.id] });
  const idTeam = liveTeam('Identity Admins', { memberIds: opts.viaTeam ? [me.id] : [], roles: [identityAdmin('team')] });
  return { me, admin, live: liveState([me, admin], [admins, idTeam], me) };
}

const adminUser = desiredUser('admin@example.com', { teams: ['Organization Admin'] });
const refusals = (o: ReturnType<typeof org>, users: ReturnType<typeof desiredUser>[], teams = [desiredTeam('Identity Admins', { roles: [IDENTITY_ADMIN] })]) =>
  checkGuards(buildPlan(desiredState([adminUser, ...users], teams), o.live), o.live, { force: true }).map((r) => [r.guard, r.message]);

describe('lock-out guard: Identity Admin', () => {
  it('refuses deleting the custom team through which the token holds Identity Admin, even with --force', () => {
    const o = org({ viaTeam: true });
    expect(refusals(o, [desiredUser('ci@example.com')], [])).toEqual([
      ['lock-out', 'The plan takes the Identity Admin role away from ci@example.com, the user whose token orgdeck is using, who is not in Organization Admin: through team Identity Admins (the plan deletes team Identity Admins). orgdeck never locks itself out; keep the role in the file (add a new way to hold it in one run, remove the old one in the next).'],
    ]);
  });

  it('refuses removing the token from that team, or revoking the team grant', () => {
    const o = org({ viaTeam: true });
    expect(refusals(o, [desiredUser('ci@example.com')])).toEqual([['lock-out', expect.stringContaining('through team Identity Admins (the plan removes them from team Identity Admins)')]]);
    expect(refusals(o, [desiredUser('ci@example.com', { teams: ['Identity Admins'] })], [desiredTeam('Identity Admins')])).toEqual([['lock-out', expect.stringContaining('(the plan revokes it)')]]);
  });

  it('refuses revoking a direct Identity Admin grant', () => {
    const o = org({ direct: true });
    expect(refusals(o, [desiredUser('ci@example.com')])).toEqual([['lock-out', expect.stringContaining('held directly (the plan revokes it)')]]);
  });

  it('allows removing one way of holding the role while another stays', () => {
    const o = org({ direct: true, viaTeam: true });
    expect(refusals(o, [desiredUser('ci@example.com', { roles: [IDENTITY_ADMIN] })], [])).toEqual([]);
    expect(refusals(o, [desiredUser('ci@example.com', { teams: ['Identity Admins'] })])).toEqual([]);
  });

  it('does not count an addition made in the same plan: it could fail while the removal goes through', () => {
    const o = org({ viaTeam: true });
    expect(refusals(o, [desiredUser('ci@example.com', { roles: [IDENTITY_ADMIN] })], [])).toEqual([['lock-out', expect.stringContaining('the plan deletes team Identity Admins')]]);
  });

  it('relies on Organization Admin when the token has it: Identity Admin may go, Organization Admin may not', () => {
    const o = org({ direct: true, orgAdmin: true });
    expect(refusals(o, [desiredUser('ci@example.com', { teams: ['Organization Admin'] })])).toEqual([]);
    expect(refusals(o, [desiredUser('ci@example.com', { roles: [IDENTITY_ADMIN] })])).toEqual([['lock-out', expect.stringContaining('removes ci@example.com, the user whose token orgdeck is using, from Organization Admin')]]);
  });

  it('leaves a plan alone that does not touch what the token relies on', () => {
    const o = org({ direct: true });
    expect(refusals(o, [desiredUser('ci@example.com', { roles: [IDENTITY_ADMIN] })])).toEqual([]);
  });
});
