/** A system-account token never removes its own account or the admin access it runs with. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build.js';
import type { LiveState, LiveSystemAccount } from '../../src/live.js';
import { checkGuards } from '../../src/plan/guards.js';
import { desiredAccount, desiredState, desiredTeam, desiredUser, liveAccount, liveState, liveTeam, liveUser } from '../support/builders.js';

const IDENTITY_ADMIN = { role: 'Admin', entityType: 'Identity', entityId: '*', region: '*' };
const owner = liveUser('owner@example.com');
const keepOwner = desiredUser('owner@example.com', { teams: ['Organization Admin'] });

/** An org whose token is `ci`'s (or nobody's known, with `known: false`). */
function org(ci: (admins: string, idTeam: string) => Partial<LiveSystemAccount>, known = true) {
  const identity = liveTeam('Identity Admins', { roles: [{ id: 'r-team', ...IDENTITY_ADMIN }] });
  const base = liveState([owner], [identity]);
  const admins = base.teams.find((t) => t.name === 'Organization Admin')!;
  const account = liveAccount('ci', ci(admins.id, identity.id));
  const live: LiveState = {
    ...base,
    me: undefined,
    systemAccounts: [account, liveAccount('other')],
    tokenAccount: known ? { account, how: 'GET /v3/users/me answered 401' } : { how: 'GET /v3/users/me answered 401' },
  };
  return { live, account };
}

const refusals = (live: LiveState, desired: ReturnType<typeof desiredState>) => checkGuards(buildPlan(desired, live), live, { force: true });
const state = (accounts: ReturnType<typeof desiredAccount>[], teams = [desiredTeam('Identity Admins', { roles: [{ role: 'Admin', entityType: 'Identity', entity: '*', region: '*' }] })]) => ({ ...desiredState([keepOwner], teams), systemAccounts: accounts });

describe('lock-out guard for a system-account token', () => {
  it('refuses to delete the token\'s own account, even with --force, and says how it knew the account', () => {
    const { live } = org(() => ({}));
    const r = refusals(live, state([desiredAccount('other')]));
    expect(r.map((x) => [x.guard, x.overridable])).toEqual([['lock-out', false]]);
    expect(r[0]!.message).toBe('The plan takes admin access from system account "ci", whose token orgdeck is using (GET /v3/users/me answered 401): delete system account ci. orgdeck never locks itself out; keep that access in the file.');
  });

  it('refuses to remove it from Organization Admin, or revoke its Identity Admin role', () => {
    const { live } = org((admins) => ({ teamIds: [admins], roles: [{ id: 'r-1', ...IDENTITY_ADMIN }] }));
    const r = refusals(live, state([desiredAccount('ci'), desiredAccount('other')]));
    expect(r).toHaveLength(1);
    expect(r[0]!.message).toContain(': revoke Admin on Identity * (*) from system account ci; remove system account ci from team Organization Admin.');
  });

  it('refuses to take the team that gives it Identity Admin: leaving it, deleting it, or revoking its role', () => {
    const { live } = org((_, idTeam) => ({ teamIds: [idTeam] }));
    const leave = refusals(live, state([desiredAccount('ci'), desiredAccount('other')]));
    expect(leave[0]!.message).toContain('remove system account ci from team Identity Admins');
    const drop = refusals(live, state([desiredAccount('ci', { teams: ['Identity Admins'] }), desiredAccount('other')], []));
    expect(drop[0]!.message).toContain('delete team Identity Admins');
    const revoke = refusals(live, state([desiredAccount('ci', { teams: ['Identity Admins'] }), desiredAccount('other')], [desiredTeam('Identity Admins')]));
    expect(revoke[0]!.message).toContain('revoke Admin on Identity * (*) from team Identity Admins');
  });

  it('lets everything else through: other accounts, and access the token\'s account does not rely on', () => {
    const { live } = org((admins) => ({ teamIds: [admins] }));
    expect(refusals(live, state([desiredAccount('ci', { teams: ['Organization Admin'] })]))).toEqual([]);
    expect(refusals(live, state([desiredAccount('ci', { teams: ['Organization Admin'] }), desiredAccount('other')], []))).toEqual([]);
  });

  it('when the account is unknown, refuses what could be the token\'s admin access and names the flag', () => {
    const { live } = org(() => ({}), false);
    const r = refusals(live, state([desiredAccount('ci')]));
    expect(r[0]!.message).toBe('orgdeck cannot tell which system account its token belongs to (GET /v3/users/me answered 401), and the plan takes admin access that could be the token\'s own: delete system account other. Name the token\'s account with --konnect-system-account NAME (or KONNECT_SYSTEM_ACCOUNT) and run again.');
    expect(refusals(live, state([desiredAccount('ci', { description: 'new words' }), desiredAccount('other')]))).toEqual([]);
  });
});
