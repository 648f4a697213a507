import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build.js';
import { standingRefusals } from '../../src/plan/refusals.js';
import { checkGuards as checkGuardObjects, type GuardOptions } from '../../src/plan/guards.js';
import { changeId, type Plan } from '../../src/plan/types.js';
import type { LiveState } from '../../src/live.js';

const checkGuards = (plan: Plan, live: LiveState, opts: GuardOptions) => checkGuardObjects(plan, live, opts).map((r) => r.message);
import { desiredState, desiredTeam, desiredUser, liveState, liveTeam, liveUser } from '../support/builders.js';

const emails = (k: number) => Array.from({ length: k }, (_, i) => `u${String(i).padStart(2, '0')}@example.com`);

/** An org of `total` users where the file keeps `keep` of them (the owner first). */
function orgWith(total: number, keep: number) {
  const users = emails(total).map((e) => liveUser(e));
  const live = liveState(users);
  const desired = desiredState(users.slice(0, keep).map((u, i) => desiredUser(u.email, i === 0 ? { teams: ['Organization Admin'] } : {})));
  return { live, plan: buildPlan(desired, live) };
}

describe('mass deletion guard', () => {
  it('allows exactly 25% and refuses just over it, with counts, percentage, limit, who loses access and the flag', () => {
    const at = orgWith(16, 12);
    expect(checkGuards(at.plan, at.live, { force: false })).toEqual([]);
    const over = orgWith(15, 11);
    expect(checkGuards(over.plan, over.live, { force: false })).toEqual([
      'The plan deletes 4 of 15 users (26.7%), over the 25% limit for mass deletion (more than 3; _info.guards sets both). 4 people would lose access, 4 of them all of it. Check the file (unlisted_users, a missing file or team?) and re-run with --force if this is intended.',
    ]);
    expect(checkGuards(over.plan, over.live, { force: true })).toEqual([]);
  });

  it('protects small orgs: 3 deletions always pass, a 4th over 25% is refused', () => {
    const three = orgWith(4, 1);
    expect(checkGuards(three.plan, three.live, { force: false })).toEqual([]);
    const four = orgWith(5, 1);
    expect(checkGuards(four.plan, four.live, { force: false })).toEqual([expect.stringContaining('deletes 4 of 5 users (80.0%)')]);
    const eightOfNine = orgWith(9, 1);
    expect(checkGuards(eightOfNine.plan, eightOfNine.live, { force: false })).toEqual([expect.stringContaining('deletes 8 of 9 users (88.9%)')]);
  });

  it('takes its limits from _info.guards', () => {
    const four = orgWith(5, 1);
    expect(checkGuards(four.plan, four.live, { force: false, limits: { maxPercent: 25, alwaysAllowed: 4 } })).toEqual([]);
    expect(checkGuards(four.plan, four.live, { force: false, limits: { maxPercent: 80, alwaysAllowed: 3 } })).toEqual([]);
    expect(checkGuards(four.plan, four.live, { force: false, limits: { maxPercent: 79.9, alwaysAllowed: 3 } })).toEqual([
      expect.stringContaining('over the 79.9% limit for mass deletion (more than 3; _info.guards sets both)'),
    ]);
  });

  it('counts memberships and grants too', () => {
    const users = emails(12).map((e) => liveUser(e));
    const team = liveTeam('T', { memberIds: users.map((u) => u.id) });
    const live = liveState(users, [team]);
    const desired = desiredState(users.map((u, i) => desiredUser(u.email, { teams: i < 8 ? ['T'] : [], ...(i === 0 ? { teams: ['T', 'Organization Admin'] } : {}) })), [desiredTeam('T')]);
    const reasons = checkGuards(buildPlan(desired, live), live, { force: false });
    expect(reasons).toEqual([
      expect.stringContaining('deletes 4 of 13 team memberships (30.8%)'),
      expect.stringContaining('leaves 4 of the 12 people who have access now with none while they stay in the organization (33.3%)'),
    ]);
  });
});

describe('lock-out guards (never overridable)', () => {
  it('refuses to delete the token\'s own user, even with --force', () => {
    const me = liveUser('me@example.com');
    const other = liveUser('admin2@example.com');
    const admins = liveTeam('Organization Admin', { system: true, memberIds: [me.id, other.id] });
    const live = liveState([me, other], [admins], me);
    const plan = buildPlan(desiredState([desiredUser('admin2@example.com', { teams: ['Organization Admin'] })]), live);
    expect(checkGuards(plan, live, { force: true })).toEqual([
      'The plan deletes me@example.com, the user whose token orgdeck is using; orgdeck never locks itself out. List me@example.com in the file.',
    ]);
  });

  it('names each refusal\'s guard and whether --force overrides it', () => {
    const me = liveUser('me@example.com');
    const users = [me, ...emails(11).map((e) => liveUser(e))];
    const admins = liveTeam('Organization Admin', { system: true, memberIds: users.map((u) => u.id) });
    const live = liveState(users, [admins], me);
    const plan = buildPlan(desiredState([desiredUser(users[1]!.email, { teams: ['Organization Admin'] })]), live);
    const all = checkGuardObjects(plan, live, { force: false });
    // 11 of 12 users, and the 11 Organization Admin memberships that go with them.
    expect(all.map((r) => [r.guard, r.overridable])).toEqual([['mass-deletion', true], ['mass-deletion', true], ['lock-out', false]]);
    expect(checkGuardObjects(plan, live, { force: true }).map((r) => r.guard)).toEqual(['lock-out']);
  });

  it('refuses to take the token\'s user out of Organization Admin', () => {
    const me = liveUser('me@example.com');
    const other = liveUser('admin2@example.com');
    const admins = liveTeam('Organization Admin', { system: true, memberIds: [me.id, other.id] });
    const live = liveState([me, other], [admins], me);
    const plan = buildPlan(desiredState([desiredUser('me@example.com'), desiredUser('admin2@example.com', { teams: ['Organization Admin'] })]), live);
    expect(checkGuards(plan, live, { force: true })).toEqual([expect.stringContaining('removes me@example.com, the user whose token orgdeck is using, from Organization Admin')]);
  });

  it('refuses to leave no active Organization Admin (a pending invitee does not count)', () => {
    const me = liveUser('ci@example.com');
    const admin = liveUser('admin@example.com');
    const admins = liveTeam('Organization Admin', { system: true, memberIds: [admin.id] });
    const live = liveState([me, admin], [admins], me);
    const plan = buildPlan(desiredState([desiredUser('ci@example.com'), desiredUser('admin@example.com'), desiredUser('new@example.com', { teams: ['Organization Admin'] })]), live);
    expect(checkGuards(plan, live, { force: true })).toEqual([expect.stringContaining('would leave no active member in Organization Admin')]);
  });

  it('a team name that matches several live teams is a refusal in the plan, naming the ids; the plan is still made', () => {
    const me = liveUser('me@example.com');
    const a = liveTeam('Platform');
    const b = liveTeam('Platform');
    const live = liveState([me], [a, b], me);
    const plan = buildPlan(desiredState([desiredUser('me@example.com', { teams: ['Organization Admin'] })], [desiredTeam('Platform', { description: 'new' })]), live);
    expect(plan.refusals).toEqual([{
      guard: 'duplicate-team-name',
      overridable: false,
      message: `Konnect has 2 teams named "Platform" (ids ${a.id}, ${b.id}); orgdeck will not guess which one the file means. Rename or delete the extra team in Konnect.`,
    }]);
    expect(plan.changes.map(changeId)).toEqual(['update team Platform']);
    expect(standingRefusals(plan.refusals, true)).toEqual(plan.refusals);
  });
});
