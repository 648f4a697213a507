/**
 * Principals: what joins teams and holds grants. A user (keyed by email) and a system account
 * (keyed by name) differ only in their kinds, their reference in a change, and how the live
 * state records their teams; memberships and grants are diffed once for both (access.ts).
 */
import type { LiveGrant } from '../live.js';
import type { Expiry, Grant } from '../model.js';
import { type Change, changeId, type Kind } from '../change.js';
import { type DiffContext, userInScope } from './context.js';

export interface PrincipalSet {
  membershipKind: Kind;
  roleKind: Kind;
  desired: readonly { key: string; teams: readonly string[]; teamExpiry?: Record<string, Expiry>; roles: Grant[] }[];
  live: ReadonlyMap<string, { id: string; key: string; teamIds: readonly string[]; roles: LiveGrant[] }>;
  /** Whether orgdeck manages this live principal's access. */
  inScope: (key: string) => boolean;
  /** Principals this plan deletes: their memberships go with them. */
  deleted: ReadonlySet<string>;
  /** Where the set's changes go: the plan, or (for Konnect's own accounts) a note. */
  sink: Change[];
  ref: (key: string, id?: string) => Pick<Change, 'user' | 'system_account'>;
  /** The change that creates this principal, which its memberships and grants wait for. */
  createId: (key: string) => string;
  label: (key: string) => string;
}

/**
 * Every principal of the diff, as the context holds them now. The diff builds them once, after
 * users and accounts are diffed, and hands them to memberships and grants; the sets see later
 * deletions (they hold the context's sets) but not later changes to the states.
 */
export function principalSets(ctx: DiffContext): PrincipalSet[] {
  return [users(ctx), ...systemAccounts(ctx)];
}

function users(ctx: DiffContext): PrincipalSet {
  const teamIds = new Map<string, string[]>();
  for (const t of ctx.live.teams) for (const id of t.memberIds) (teamIds.get(id) ?? teamIds.set(id, []).get(id)!).push(t.id);
  const live = new Map([...ctx.liveUsers].map(([email, u]) => [email, { id: u.id, key: email, teamIds: teamIds.get(u.id) ?? [], roles: u.roles }]));
  return {
    membershipKind: 'team-membership',
    roleKind: 'user-role',
    desired: ctx.desired.users.map((u) => ({ key: u.email, teams: u.teams, teamExpiry: u.teamExpiry, roles: u.roles })),
    live,
    inScope: (email) => userInScope(ctx, email),
    deleted: ctx.deletedUsers,
    sink: ctx.changes,
    ref: (email, id) => ({ user: { email, ...(id ? { id } : {}) } }),
    createId: (email) => changeId({ op: 'create', kind: 'user', key: email }),
    label: (email) => email,
  };
}

/** Accounts orgdeck manages, and apart from them Konnect's own accounts the file names (left alone). */
function systemAccounts(ctx: DiffContext): PrincipalSet[] {
  const desired = ctx.desired.systemAccounts;
  const all = ctx.live.systemAccounts;
  if (!desired || !all) return [];
  const konnects = new Set([...all.filter((a) => a.konnectManaged).map((a) => a.name), ...desired.filter((a) => a.konnectManaged).map((a) => a.name)]);
  const toLive = (a: (typeof all)[number]) => [a.name, { id: a.id, key: a.name, teamIds: a.teamIds, roles: a.roles }] as const;
  const base = {
    membershipKind: 'system-account-membership',
    roleKind: 'system-account-role',
    ref: (name: string, id?: string) => ({ system_account: { name, ...(id ? { id } : {}) } }),
    createId: (name: string) => changeId({ op: 'create', kind: 'system-account', key: name }),
    label: (name: string) => `system account ${name}`,
  } as const;
  const listed = new Set(desired.map((a) => a.name));
  return [
    {
      ...base,
      desired: desired.filter((a) => !konnects.has(a.name)).map((a) => ({ key: a.name, teams: a.teams, teamExpiry: a.teamExpiry, roles: a.roles })),
      live: new Map(all.filter((a) => !konnects.has(a.name)).map(toLive)),
      inScope: (name) => ctx.desired.info.unlistedSystemAccounts !== 'ignore' || listed.has(name),
      deleted: ctx.deletedAccounts,
      sink: ctx.changes,
    },
    {
      ...base,
      desired: desired.filter((a) => konnects.has(a.name)).map((a) => ({ key: a.name, teams: a.teams, teamExpiry: a.teamExpiry, roles: a.roles })),
      live: new Map(all.filter((a) => konnects.has(a.name) && listed.has(a.name)).map(toLive)),
      inScope: (name) => listed.has(name),
      deleted: new Set(),
      sink: ctx.leftToKonnect,
    },
  ];
}
