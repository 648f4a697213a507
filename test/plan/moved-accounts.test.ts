/** A saved plan's facts about system accounts and re-sent invitations, checked against the live org (plan/moved.ts). */
import { describe, expect, it } from 'vitest';
import type { LiveState } from '../../src/live.js';
import { mayBeOwnAccount } from '../../src/plan/guards-accounts.js';
import { movedFacts } from '../../src/plan/moved.js';
import { preconditionsOf } from '../../src/plan/preconditions.js';
import type { Change, Plan } from '../../src/plan/types.js';
import { liveAccount, liveState, liveTeam, liveUser } from '../support/builders.js';

const MADE = '2026-12-01T10:00:00.000Z';

function plan(changes: Change[]): Plan {
  return {
    format_version: '2.0',
    origin: { orgdeck_version: '0', created_at: MADE, organization: { id: 'o', name: 'o' }, konnect_addr: 'x', state_digest: `sha256:${'0'.repeat(64)}`, scope: { custom_teams: true } },
    summary: { create: 0, update: 0, delete: 0 },
    refusals: [],
    changes,
    pending: [],
  };
}

const grant = { role: 'Viewer', entity_type: 'Control Planes', entity: 'prod', entity_id: 'cp-1', region: 'us', id: 'g-1' };

describe('system-account facts', () => {
  const ops = liveTeam('Ops');
  const bot = liveAccount('bot', { teamIds: [ops.id], roles: [{ id: 'g-1', role: 'Viewer', entityType: 'Control Planes', entityId: 'cp-1', region: 'us' }] });
  const live = (accounts = [bot]): LiveState => ({ ...liveState([liveUser('owner@example.com')], [ops]), systemAccounts: accounts });
  const ref = { name: 'bot', id: bot.id };
  const changes: Record<string, Change> = {
    create: { op: 'create', kind: 'system-account', key: 'bot', system_account: { name: 'bot' }, after: { name: 'bot', description: 'x' } },
    delete: { op: 'delete', kind: 'system-account', key: 'bot', system_account: ref, before: { name: 'bot', description: 'bot account' } },
    leave: { op: 'delete', kind: 'system-account-membership', key: 'Ops/bot', system_account: ref, team: { name: 'Ops', id: ops.id } },
    join: { op: 'create', kind: 'system-account-membership', key: 'Ops/bot', system_account: ref, team: { name: 'Ops', id: ops.id } },
    revoke: { op: 'delete', kind: 'system-account-role', key: 'bot/Viewer/Control Planes/prod/us', system_account: ref, grant },
  };

  it('hold while the org is as the plan saw it, and each change implies them', () => {
    const { create: _c, join: _j, ...holding } = changes;
    expect(movedFacts(plan(Object.values(holding)), live())).toEqual([]);
    expect(preconditionsOf(changes.leave!)).toEqual([
      { fact: 'team', name: 'Ops', id: ops.id },
      { fact: 'system-account', name: 'bot', id: bot.id },
      { fact: 'account-member', present: true, team: { name: 'Ops', id: ops.id }, system_account: ref },
    ]);
  });

  it('name what moved: an account that exists now, is gone, renamed, re-described, left or joined a team, lost a grant', () => {
    expect(movedFacts(plan([changes.create!]), live())).toEqual([`a system account named "bot" exists in Konnect now (id ${bot.id}) (the plan's "create system account bot" depended on it)`]);
    expect(movedFacts(plan([changes.delete!]), live([]))[0]).toContain(`system account "bot" (id ${bot.id}) no longer exists`);
    expect(movedFacts(plan([changes.delete!]), live([{ ...bot, name: 'robot' }]))[0]).toContain('was renamed to "robot"');
    expect(movedFacts(plan([changes.delete!]), live([{ ...bot, description: 'other' }]))[0]).toContain('system account "bot"\'s description is now "other", not "bot account"');
    expect(movedFacts(plan([changes.leave!]), live([{ ...bot, teamIds: [] }]))[0]).toContain('system account "bot" is no longer a member of "Ops"');
    expect(movedFacts(plan([changes.join!]), live())[0]).toContain('system account "bot" is a member of "Ops" already');
    expect(movedFacts(plan([changes.revoke!]), live([{ ...bot, roles: [] }]))[0]).toContain('system account bot no longer holds Viewer on Control Planes prod (us): the grant to revoke is gone');
  });

  it('are never taken as holding when system accounts were not read', () => {
    const unread = { ...live(), systemAccounts: undefined };
    for (const c of Object.values(changes)) expect(movedFacts(plan([c]), unread)[0]).toContain('the plan changes system accounts, which were not read again');
  });
});

describe('a re-sent invitation', () => {
  const resend = (id: string): Change => ({ op: 'create', kind: 'invite', key: 'p@example.com', user: { email: 'p@example.com', id }, before: { status: 'pending', invited_at: '2026-01-01T00:00:00Z', pending_days: 334 } });

  it('is refused when the pending user changed after the plan was made, and not when unchanged since', () => {
    const quiet = liveUser('p@example.com', { active: false, invitedAt: '2026-01-01T00:00:00Z', changedAt: '2026-11-30T00:00:00Z' });
    expect(movedFacts(plan([resend(quiet.id)]), liveState([liveUser('owner@example.com'), quiet]))).toEqual([]);
    const sent = { ...quiet, changedAt: '2026-12-01T10:00:00.001Z' };
    expect(movedFacts(plan([resend(sent.id)]), liveState([liveUser('owner@example.com'), sent]))).toEqual([
      'p@example.com\'s pending invitation changed at 2026-12-01T10:00:00.001Z, after the plan was made: an invitation may have been sent since, and is not sent again (the plan\'s "resend invitation to p@example.com (pending 334 days)" depended on it)',
    ]);
  });
});

describe('an account named by the operator, not confirmed by Konnect', () => {
  const named = liveAccount('ci');
  const other = (liveToken?: boolean) => liveAccount('other', liveToken === undefined ? {} : { liveToken });
  const del = (a: { id: string; name: string }): Change => ({ op: 'delete', kind: 'system-account', key: a.name, system_account: { name: a.name, id: a.id } });
  const state = (a: ReturnType<typeof other>, how: { named?: boolean } = { named: true }): LiveState => ({ ...liveState([liveUser('owner@example.com')]), me: undefined, systemAccounts: [named, a], tokenAccount: { account: named, how: 'named', ...how } });

  it('keeps every other account that holds a valid token, or whose tokens are unknown, from deletion; one without a token may go', () => {
    for (const a of [other(true), other()]) expect(mayBeOwnAccount(plan([del(a)]), state(a))).toEqual([expect.stringContaining(`The plan deletes system account "other", which may hold the token orgdeck is using`)]);
    const tokenless = other(false);
    expect(mayBeOwnAccount(plan([del(tokenless)]), state(tokenless))).toEqual([]);
  });

  it('does not apply when Konnect confirmed the account', () => {
    const a = other(true);
    expect(mayBeOwnAccount(plan([del(a)]), state(a, {}))).toEqual([]);
  });
});
