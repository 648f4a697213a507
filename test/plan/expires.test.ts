/** Access whose `expires` has passed at the plan's clock is removed (with its reason) or never made; access expiring soon is listed. */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import type { LiveGrant } from '../../src/live.js';
import type { Grant } from '../../src/model.js';
import { buildPlan } from '../../src/plan/build.js';
import { renderMarkdown } from '../../src/plan/render-markdown.js';
import { renderText } from '../../src/plan/render-text.js';
import { desiredAccount, desiredState, desiredTeam, desiredUser, liveAccount, liveState, liveTeam, liveUser } from '../support/builders.js';

const DAY = 86_400_000;
const now = new Date('2027-02-01T12:00:00Z');
const owner = desiredUser('owner@example.com', { teams: ['Organization Admin'] });
const viewer = (expires?: string, at = 'a.yaml:20:9'): Grant => ({ role: 'Viewer', entityType: 'Control Planes', entity: '*', region: '*', ...(expires ? { expires: { on: expires, at } } : {}) });
const liveViewer = (): LiveGrant => ({ id: 'grant-1', role: 'Viewer', entityType: 'Control Planes', entityId: '*', region: '*' });
const lines = (plan: ReturnType<typeof buildPlan>) => plan.changes.map((c) => [c.op, c.kind, c.key, c.reason]);

function world(expires: string | undefined, holds: boolean) {
  const ana = liveUser('ana@example.com', { roles: holds ? [liveViewer()] : [] });
  const payments = liveTeam('Payments', { memberIds: holds ? [ana.id] : [], roles: holds ? [liveViewer()] : [] });
  const ci = liveAccount('ci', { teamIds: holds ? [payments.id] : [], roles: holds ? [liveViewer()] : [] });
  const live = { ...liveState([liveUser('owner@example.com'), ana], [payments]), systemAccounts: [ci] };
  const at = (line: number) => (expires ? { teamExpiry: { Payments: { on: expires, at: `a.yaml:${line}:30` } } } : {});
  const desired = {
    ...desiredState(
      [owner, desiredUser('ana@example.com', { teams: ['Payments'], ...at(10), roles: [viewer(expires, 'a.yaml:11:9')] })],
      [desiredTeam('Payments', { roles: [viewer(expires, 'a.yaml:5:9')] })],
    ),
    systemAccounts: [desiredAccount('ci', { description: 'ci account', teams: ['Payments'], ...at(30), roles: [viewer(expires, 'a.yaml:31:9')] })],
  };
  return { desired, live };
}

describe('expired access', () => {
  it('is removed when live holds it, each removal with "expired on DATE (where)"', () => {
    const { desired, live } = world('2027-01-31', true);
    expect(lines(buildPlan(desired, live, { now })).sort()).toEqual([
      ['delete', 'team-membership', 'Payments/ana@example.com', 'expired on 2027-01-31 (a.yaml:10:30)'],
      ['delete', 'system-account-membership', 'Payments/ci', 'expired on 2027-01-31 (a.yaml:30:30)'],
      ['delete', 'user-role', 'ana@example.com/Viewer/Control Planes/*/*', 'expired on 2027-01-31 (a.yaml:11:9)'],
      ['delete', 'team-role', 'Payments/Viewer/Control Planes/*/*', 'expired on 2027-01-31 (a.yaml:5:9)'],
      ['delete', 'system-account-role', 'ci/Viewer/Control Planes/*/*', 'expired on 2027-01-31 (a.yaml:31:9)'],
    ].sort());
  });

  it('is not created when live lacks it', () => {
    const { desired, live } = world('2027-01-31', false);
    expect(lines(buildPlan(desired, live, { now })).sort()).toEqual([]);
  });

  it('ends at the instant written: a bare date at 00:00 UTC, a date-time at its offset', () => {
    const { desired, live } = world('2027-02-01', true);
    expect(buildPlan(desired, live, { now: new Date('2027-01-31T23:59:59Z') }).changes).toEqual([]);
    expect(buildPlan(desired, live, { now: new Date('2027-02-01T00:00:00Z') }).changes).toHaveLength(5);
    const timed = world('2027-02-01T13:00:00+01:00', true);
    expect(buildPlan(timed.desired, timed.live, { now: new Date('2027-02-01T11:59:59Z') }).changes).toEqual([]);
    expect(buildPlan(timed.desired, timed.live, { now: new Date('2027-02-01T12:00:00Z') }).changes).toHaveLength(5);
  });

  it('a future expiry changes nothing, and a plan without a clock expires nothing', () => {
    const future = world('2027-03-01', true);
    expect(buildPlan(future.desired, future.live, { now }).changes).toEqual([]);
    const past = world('2027-01-31', true);
    expect(buildPlan(past.desired, past.live).changes).toEqual([]);
  });

  it('an expired grant on an entity deleted since is no problem: the access is gone already', () => {
    const ana = liveUser('ana@example.com');
    const grant: Grant = { role: 'Viewer', entityType: 'Control Planes', entity: 'gone', region: 'us', expires: { on: '2027-01-31' } };
    const desired = desiredState([owner, desiredUser('ana@example.com', { roles: [grant] })]);
    expect(buildPlan(desired, liveState([liveUser('owner@example.com'), ana]), { now }).changes).toEqual([]);
    const current = desiredState([owner, desiredUser('ana@example.com', { roles: [{ ...grant, expires: { on: '2027-03-01' } }] })]);
    expect(() => buildPlan(current, liveState([liveUser('owner@example.com'), ana]), { now })).toThrow(/gone/);
  });

  it('shows its reason in text, markdown and JSON, and the JSON is valid against plan.schema.json', () => {
    const { desired, live } = world('2027-01-31', true);
    const plan = buildPlan(desired, live, { now });
    expect(renderText(plan, { colour: false })).toContain('remove ana@example.com from team Payments: expired on 2027-01-31 (a.yaml:10:30)\n');
    expect(renderMarkdown(plan)).toContain('- `ana@example.com` will lose Viewer on Control Planes * (*) — expired on 2027-01-31 (a.yaml:11:9) and leave Payments — expired on 2027-01-31 (a.yaml:10:30)\n');
    expect(renderMarkdown(plan)).toContain('- `Payments` will lose Viewer on Control Planes * (*) — expired on 2027-01-31 (a.yaml:5:9)\n');
    const validate = new Ajv({ strict: true }).compile(planSchema);
    expect(validate(JSON.parse(JSON.stringify(plan))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is counted by the mass-deletion guard like any other removal', () => {
    const users = Array.from({ length: 8 }, (_, i) => liveUser(`u${i}@example.com`));
    const payments = liveTeam('Payments', { memberIds: users.map((u) => u.id) });
    const live = liveState([liveUser('owner@example.com'), ...users], [payments]);
    const expired = { Payments: { on: '2027-01-31', at: 'a.yaml:3:3' } };
    const desired = desiredState([owner, ...users.map((u) => desiredUser(u.email, { teams: ['Payments'], teamExpiry: expired }))], [desiredTeam('Payments')]);
    const plan = buildPlan(desired, live, { now });
    expect(plan.summary.delete).toBe(8);
    expect(plan.refusals.map((r) => r.guard)).toContain('mass-deletion');
  });
});

describe('access expiring soon', () => {
  it('lists what ends within the window, soonest first, in text, markdown and JSON; it is not drift', () => {
    const { desired, live } = world(undefined, true);
    desired.users[1]!.teamExpiry = { Payments: { on: '2027-02-10', at: 'a.yaml:10:30' } };
    desired.teams[0]!.roles = [viewer('2027-02-05', 'a.yaml:5:9')];
    desired.systemAccounts[0]!.roles = [viewer('2027-03-10', 'a.yaml:31:9')];
    const plan = buildPlan(desired, live, { now, expiringWithinMs: 14 * DAY });
    expect(plan.changes).toEqual([]);
    expect(plan.expiring).toEqual([
      { holder: { kind: 'team', key: 'Payments' }, grant: { role: 'Viewer', entity_type: 'Control Planes', entity: '*', region: '*' }, expires: '2027-02-05', at: 'a.yaml:5:9' },
      { holder: { kind: 'user', key: 'ana@example.com' }, team: 'Payments', expires: '2027-02-10', at: 'a.yaml:10:30' },
    ]);
    expect(renderText(plan, { colour: false })).toContain('expiring soon: team Payments: Viewer on Control Planes * (*) expires on 2027-02-05 (a.yaml:5:9)\nexpiring soon: ana@example.com: team Payments expires on 2027-02-10 (a.yaml:10:30)\n');
    expect(renderMarkdown(plan)).toContain('Expiring soon');
    expect(renderMarkdown(plan)).toContain('- ana@example.com: team Payments expires on 2027-02-10 (a.yaml:10:30)');
    const validate = new Ajv({ strict: true }).compile(planSchema);
    expect(validate(JSON.parse(JSON.stringify(plan))), JSON.stringify(validate.errors)).toBe(true);
    expect(buildPlan(desired, live, { now, expiringWithinMs: 40 * DAY }).expiring).toHaveLength(3);
    expect(buildPlan(desired, live, { now, expiringWithinMs: 0 }).expiring).toBeUndefined();
  });
});
