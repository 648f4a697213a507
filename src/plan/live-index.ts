/**
 * The live organization looked up the ways a saved plan's changes name things: users by id and
 * email, teams by id and name, system accounts (when read) by id and name, the IdP group
 * mappings (when read). Shared by the facts a change depends on (moved.ts) and the outcome it
 * aims at (in-place.ts), so both read the organization the same way.
 */
import type { LiveIdp, LiveState, LiveSystemAccount, LiveTeam, LiveUser } from '../live.js';
import type { Fields } from './types.js';

export interface LiveIndex {
  usersById: Map<string, LiveUser>;
  usersByEmail: Map<string, LiveUser>;
  teamsById: Map<string, LiveTeam>;
  teamsByName: Map<string, LiveTeam>;
  /** undefined: system accounts were not read, so no fact about them can be checked. */
  accounts: { byId: Map<string, LiveSystemAccount>; byName: Map<string, LiveSystemAccount> } | undefined;
  /** undefined: identity providers and their mappings were not read. */
  idp: LiveIdp | undefined;
  /** The authentication settings, always read: who owns users' team membership. */
  membershipOwner: Pick<LiveState, 'idpOwnsMembership' | 'idpMembershipUnread'>;
}

export function indexLive(live: LiveState): LiveIndex {
  return {
    usersById: new Map(live.users.map((u) => [u.id, u])),
    usersByEmail: new Map(live.users.map((u) => [u.email, u])),
    teamsById: new Map(live.teams.map((t) => [t.id, t])),
    teamsByName: new Map(live.teams.map((t) => [t.name, t])),
    accounts: live.systemAccounts && {
      byId: new Map(live.systemAccounts.map((a) => [a.id, a])),
      byName: new Map(live.systemAccounts.map((a) => [a.name, a])),
    },
    idp: live.idp,
    membershipOwner: { idpOwnsMembership: live.idpOwnsMembership, idpMembershipUnread: live.idpMembershipUnread },
  };
}

/** The fields a plan compares, as the live org holds them now (the names diff/people.ts and diff/accounts.ts use). */
export const liveFields = {
  user: (u: LiveUser): Fields => ({ email: u.email, full_name: u.fullName ?? null, preferred_name: u.preferredName ?? null }),
  team: (t: LiveTeam): Fields => ({ name: t.name, description: t.description, labels: t.labels }),
  account: (a: LiveSystemAccount): Fields => ({ name: a.name, description: a.description }),
};

/** Two field values the same, whatever the order of an object's keys; null and absent alike. */
export function sameValue(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : (v ?? null));
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}
