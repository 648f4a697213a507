/** Memberships are diffed per principal: what the file wants against the teams orgdeck sees them in. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build.js';
import { desiredState, desiredTeam, desiredUser, liveState, liveTeam, liveUser } from '../support/builders.js';

const owner = desiredUser('owner@example.com', { teams: ['Organization Admin'] });
const memberships = (plan: ReturnType<typeof buildPlan>) => plan.changes.filter((c) => c.kind === 'team-membership').map((c) => [c.op, c.key, c.team?.id]);

describe('team memberships', () => {
  it('adds the teams the file names, removes the others, and leaves teams outside the scope alone', () => {
    const ana = liveUser('ana@example.com');
    const platform = liveTeam('Platform', { memberIds: [ana.id, ana.id] });
    const payments = liveTeam('Payments', { memberIds: [] });
    const theirs = liveTeam('Theirs', { inScope: false, memberIds: [ana.id] });
    const live = liveState([liveUser('owner@example.com'), ana], [platform, payments, theirs]);
    const desired = desiredState([owner, desiredUser('ana@example.com', { teams: ['Payments', 'Payments'] })], [desiredTeam('Platform'), desiredTeam('Payments')]);
    expect(memberships(buildPlan(desired, live))).toEqual([
      ['create', 'Payments/ana@example.com', payments.id],
      ['delete', 'Platform/ana@example.com', platform.id],
    ]);
  });

  it('of a predefined and a custom team with one name, reports the custom one', () => {
    const ana = liveUser('ana@example.com');
    const predefined = liveTeam('Analytics Viewer', { system: true, memberIds: [ana.id] });
    const custom = liveTeam('Analytics Viewer', { memberIds: [ana.id] });
    for (const teams of [[predefined, custom], [custom, predefined]]) {
      const live = liveState([liveUser('owner@example.com'), ana], teams);
      // The custom team is kept (the file declares it), so its memberships are diffed.
      const team = [desiredTeam('Analytics Viewer')];
      const plan = buildPlan(desiredState([owner, desiredUser('ana@example.com')], team), live);
      expect(memberships(plan)).toEqual([['delete', 'Analytics Viewer/ana@example.com', custom.id]]);
      const kept = buildPlan(desiredState([owner, desiredUser('ana@example.com', { teams: ['Analytics Viewer'] })], team), live);
      expect(memberships(kept)).toEqual([]);
    }
  });
});

describe('membership keys', () => {
  it('two memberships of one key ("/" in a team name and in an email) are a problem, not a lost change', () => {
    const desired = desiredState(
      [owner, desiredUser('b/c@example.com', { teams: ['a'] }), desiredUser('c@example.com', { teams: ['a/b'] })],
      [desiredTeam('a'), desiredTeam('a/b')],
    );
    const live = liveState([liveUser('owner@example.com'), liveUser('b/c@example.com'), liveUser('c@example.com')], [liveTeam('a'), liveTeam('a/b')]);
    expect(() => buildPlan(desired, live)).toThrow(/team "a\/b" of c@example.com and team "a" of b\/c@example.com would both be the membership "a\/b\/c@example.com"/);
  });
});
