/** The guards count what a plan really takes away: memberships and grants that go with deleted teams and users. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build.js';
import type { LiveGrant } from '../../src/live.js';
import { measureAccessLoss } from '../../src/plan/access-loss.js';
import { checkGuards } from '../../src/plan/guards.js';
import { desiredState, desiredTeam, desiredUser, liveState, liveTeam, liveUser } from '../support/builders.js';

const grant = (i: number): LiveGrant => ({ id: `g${i}`, role: 'Viewer', entityType: 'Control Planes', entityId: '*', region: '*' });
const VIEWER = { role: 'Viewer', entityType: 'Control Planes', entity: '*', region: '*' as const };
const name = (i: number) => `t${String(i).padStart(2, '0')}`;

/** 40 teams with a grant each; teams 0-9 have 5 members of their own, teams 10-39 one. The file drops teams 0-9. */
function dropTenOfFortyTeams() {
  const me = liveUser('me@example.com');
  const people = Array.from({ length: 80 }, (_, i) => liveUser(`p${String(i).padStart(2, '0')}@example.com`));
  const teamOf = (i: number) => (i < 50 ? Math.floor(i / 5) : i - 40);
  const teams = Array.from({ length: 40 }, (_, t) => liveTeam(name(t), { roles: [grant(t)], memberIds: people.filter((_, i) => teamOf(i) === t).map((p) => p.id) }));
  const live = liveState([me, ...people], teams, me);
  const desired = desiredState(
    [desiredUser(me.email, { teams: ['Organization Admin'] }), ...people.map((p, i) => desiredUser(p.email, { teams: teamOf(i) >= 10 ? [name(teamOf(i))] : [] }))],
    teams.slice(10).map((t) => desiredTeam(t.name, { roles: [VIEWER] })),
  );
  return { live, plan: buildPlan(desired, live) };
}

describe('access a plan takes away', () => {
  it('counts memberships and grants that go with deleted teams, and who is left with nothing', () => {
    const { live, plan } = dropTenOfFortyTeams();
    // The plan itself names only the 10 teams: everything else goes with them.
    expect(plan.changes.map((c) => `${c.op} ${c.kind}`)).toEqual(Array(10).fill('delete team'));
    const loss = measureAccessLoss(plan, live);
    expect(loss.memberships).toEqual({ live: 81, direct: 0, withTeams: 50, withUsers: 0 });
    expect(loss.grants).toEqual({ live: 40, direct: 0, withTeams: 10, withUsers: 0 });
    expect([loss.losing.length, loss.losingAll.length, loss.strandedInOrg.length, loss.holdingAccess]).toEqual([50, 50, 50, 81]);
  });

  it('refuses 10 of 40 teams when their 50 memberships are 62% of all, saying who loses access', () => {
    const { live, plan } = dropTenOfFortyTeams();
    const messages = checkGuards(plan, live, { force: false }).map((r) => r.message);
    // 10 of 40 teams and 10 of 40 grants are exactly 25%: allowed. The memberships are not.
    expect(messages).toEqual([
      'The plan deletes 50 of 81 team memberships (61.7%: 50 with deleted teams), over the 25% limit for mass deletion (more than 3; _info.guards sets both). 50 people would lose access, 50 of them all of it. Check the file (unlisted_users, a missing file or team?) and re-run with --force if this is intended.',
      expect.stringMatching(/^The plan leaves 50 of the 81 people who have access now with none while they stay in the organization \(61\.7%\), over the 25% limit .*: p00@example.com, p01@example.com, p02@example.com, p03@example.com, p04@example.com and 45 more\. /),
    ]);
    expect(checkGuards(plan, live, { force: true })).toEqual([]);
  });

  it('counts what goes with a deleted user, and a person moved between teams is not left with nothing', () => {
    const me = liveUser('me@example.com');
    const ana = liveUser('ana@example.com', { roles: [grant(1), grant(2)] });
    const bo = liveUser('bo@example.com');
    const a = liveTeam('A', { memberIds: [ana.id, bo.id], roles: [grant(3)] });
    const live = liveState([me, ana, bo], [a, liveTeam('B')], me);
    const plan = buildPlan(desiredState([desiredUser(me.email, { teams: ['Organization Admin'] }), desiredUser(bo.email, { teams: ['B'] })], [desiredTeam('A', { roles: [VIEWER] }), desiredTeam('B')]), live);
    const loss = measureAccessLoss(plan, live);
    expect(loss.memberships).toEqual({ live: 3, direct: 1, withTeams: 0, withUsers: 1 });
    expect(loss.grants).toEqual({ live: 3, direct: 0, withTeams: 0, withUsers: 2 });
    expect(loss.losing).toEqual(['ana@example.com', 'bo@example.com']);
    expect(loss.losingAll).toEqual(['ana@example.com']);
    expect(loss.strandedInOrg).toEqual([]);
  });

  it('counts a revoked team grant as access lost by each member who stays', () => {
    const me = liveUser('me@example.com');
    const ana = liveUser('ana@example.com');
    const a = liveTeam('A', { memberIds: [ana.id], roles: [grant(1)] });
    const live = liveState([me, ana], [a], me);
    const plan = buildPlan(desiredState([desiredUser(me.email, { teams: ['Organization Admin'] }), desiredUser(ana.email, { teams: ['A'] })], [desiredTeam('A')]), live);
    const loss = measureAccessLoss(plan, live);
    expect(loss.grants).toEqual({ live: 1, direct: 1, withTeams: 0, withUsers: 0 });
    expect([loss.losing, loss.losingAll]).toEqual([['ana@example.com'], []]);
  });
});
