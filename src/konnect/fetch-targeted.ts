/**
 * Read only what a targeted plan (`diff --base`) needs: the touched people (by
 * `filter[email][eq]`), with their grants and teams; the team list (it says which teams are
 * orgdeck's, and holds their ids); the touched teams' members and grants; the touched system
 * accounts (by `filter[name][eq]`); and what the guards need beside them: the token's user with
 * its access, the Organization Admin team's members, and the org's user count from page
 * metadata. Untouched people are never listed, and a team not touched is read no further than
 * the list that names it.
 */
import type { LiveState, LiveTeam, LiveUser } from '../live.js';
import { ORG_ADMIN_TEAM } from '../model.js';
import type { ApiSystemAccount } from './api-types.js';
import type { KonnectClient } from './client.js';
import { readSystemAccount } from './fetch-accounts.js';
import { type EntityNeed, fetchEntities, type FetchScope, listRoles, needsOfLiveGrants, toLiveTeam, toLiveUser } from './fetch.js';
import { fetchIdp, readMembershipOwner } from './fetch-idp.js';
import { listAll, startReadBudget } from './paginate.js';
import { checkShape, SHAPES } from './shape.js';
import { askMe, decideWhoami } from './whoami.js';

export interface TargetedWants {
  /** Lower-cased emails of the touched people. */
  emails: ReadonlySet<string>;
  teams: ReadonlySet<string>;
  accounts: ReadonlySet<string>;
  /** The people the file puts in each touched team: a missing membership is read for them too. */
  fileMembers: (team: string) => readonly string[];
  /** The entity lists the touched declarations name. */
  entityNeeds: readonly EntityNeed[];
}

export interface TargetedLive {
  live: LiveState;
  /** The people read as touched: the wanted ones, and file members of touched teams Konnect does not list there. */
  emails: ReadonlySet<string>;
  /** Members of touched teams read only as members (no grants): the diff sees them in those teams alone. */
  members: ReadonlySet<string>;
}

export type TargetedRead = TargetedLive | { fullRead: string };

export async function fetchTargetedState(client: KonnectClient, wants: TargetedWants, scope: FetchScope): Promise<TargetedRead> {
  startReadBudget(client);
  const selector = scope.customTeams === false ? false : scope.teamLabels;
  const [answer, organization, membershipOwner, apiTeams, userTotal] = await Promise.all([
    askMe(client, false),
    client.call('global', 'GET', '/v3/organizations/me').then((r) => checkShape(SHAPES.organization, r.body, 'GET', '/v3/organizations/me', r.status)),
    readMembershipOwner(client),
    listAll(client, 'global', '/v3/teams', SHAPES.teams),
    countUsers(client),
  ]);
  const cost = targetedCost(wants);
  if (cost > fullCost(userTotal, apiTeams.length)) {
    return { fullRead: `reading the ${wants.emails.size + wants.teams.size + wants.accounts.size} touched people, teams and system accounts one by one (about ${cost} requests) costs more than reading the organization's ${userTotal} users whole` };
  }
  const [found, apiAccounts, me] = await Promise.all([
    Promise.all([...wants.emails].map((e) => findUser(client, e))),
    scope.systemAccounts ? Promise.all([...wants.accounts].map((n) => findAccount(client, n))) : undefined,
    // The org lists the token's user (whoami.ts, rule 1): one filtered request says so.
    answer.ok && typeof answer.body.email === 'string' ? findUser(client, answer.body.email.toLowerCase()) : undefined,
  ]);
  const who = decideWhoami(answer, me ? [me] : [], undefined, undefined);
  if (who.kind !== 'user' || !me) return { fullRead: 'the token is not a user\'s, and only a full read tells which system account it is and what it may lose' };
  const teams = apiTeams.map((t) => toLiveTeam(t, selector));
  const byName = new Map(teams.map((t) => [t.name, t]));
  const touchedTeams = [...wants.teams].flatMap((n) => byName.get(n) ?? []);
  const admin = teams.find((t) => t.system && t.name === ORG_ADMIN_TEAM);
  const people = new Map<string, LiveUser>();
  for (const u of found) if (u) people.set(u.email, u);
  // Members of touched teams (and of Organization Admin, for the lock-out guard), as Konnect lists them.
  const memberLists = new Map<LiveTeam, LiveUser[]>();
  await Promise.all(
    [...new Set([...touchedTeams, ...(admin ? [admin] : [])])].map(async (t) => {
      const [members, roles] = await Promise.all([
        listAll(client, 'global', `/v3/teams/${t.id}/users`, SHAPES.users),
        touchedTeams.includes(t) && !t.system ? listRoles(client, `/v3/teams/${t.id}/assigned-roles`) : [],
      ]);
      memberLists.set(t, members.map(toLiveUser));
      t.memberIds = members.map((m) => m.id);
      t.roles = roles;
    }),
  );
  // The file puts them in a touched team Konnect does not list them in: read them whole, as touched.
  const emails = new Set(wants.emails);
  const listedIn = (t: LiveTeam, email: string) => memberLists.get(t)?.some((m) => m.email === email);
  const extra = touchedTeams.flatMap((t) => wants.fileMembers(t.name).filter((e) => !emails.has(e) && !listedIn(t, e)));
  for (const e of extra) emails.add(e);
  for (const u of await Promise.all(extra.map((e) => findUser(client, e)))) if (u) people.set(u.email, u);
  // Touched people and the token's user: their grants and every team they are in.
  const self = people.get(me.email) ?? me;
  const full = [...people.values(), ...(people.has(me.email) ? [] : [me])];
  const teamIdsOf = new Map<LiveUser, string[]>();
  await Promise.all(
    full.map(async (u) => {
      const [roles, memberOf] = await Promise.all([listRoles(client, `/v3/users/${u.id}/assigned-roles`), listAll(client, 'global', `/v3/users/${u.id}/teams`, SHAPES.teamIds)]);
      u.roles = roles;
      teamIdsOf.set(u, memberOf.map((t) => t.id));
    }),
  );
  for (const [u, ids] of teamIdsOf) for (const t of teams) if (ids.includes(t.id) && !t.memberIds.includes(u.id)) t.memberIds.push(u.id);
  // Lock-out: the custom teams through which the token's user may hold Identity Admin.
  const mine = teams.filter((t) => !t.system && !touchedTeams.includes(t) && teamIdsOf.get(self)?.includes(t.id));
  await Promise.all(mine.map(async (t) => { t.roles = await listRoles(client, `/v3/teams/${t.id}/assigned-roles`); }));
  const systemAccounts = apiAccounts ? await Promise.all(apiAccounts.flatMap((a) => a ?? []).map((a) => readSystemAccount(client, a, listRoles))) : undefined;
  const users = uniqueUsers([...full, ...[...memberLists.values()].flat()]);
  const grants = [...full, ...touchedTeams, ...mine, ...(systemAccounts ?? [])].flatMap((x) => x.roles);
  const [entities, idp] = await Promise.all([
    fetchEntities(client, [...wants.entityNeeds, ...needsOfLiveGrants(grants)]),
    scope.idp ? fetchIdp(client, scope.idp, teams) : undefined,
  ]);
  const live: LiveState = {
    me: { id: me.id, email: me.email },
    organization: { id: organization.id, name: organization.name ?? '' },
    users,
    userTotal,
    teams,
    entities,
    ...membershipOwner,
    ...(systemAccounts ? { systemAccounts } : {}),
    ...(idp ? { idp } : {}),
  };
  return { live, emails, members: new Set(users.map((u) => u.email).filter((e) => !emails.has(e))) };
}

/** Requests a targeted read makes per touched principal: a person is found, then their grants and teams read; a team's members and grants; an account found, its teams and grants. */
function targetedCost(wants: TargetedWants): number {
  return 3 * wants.emails.size + 2 * wants.teams.size + 3 * wants.accounts.size;
}

/** What a full read costs at least: every user's grants, every team's members and grants, a page per 100 of each list. */
function fullCost(users: number, teams: number): number {
  return users + 2 * teams + Math.ceil(users / 100) + Math.ceil(teams / 100);
}

/** The first reading of each person (the full one comes first in `users`). */
function uniqueUsers(users: readonly LiveUser[]): LiveUser[] {
  const seen = new Map<string, LiveUser>();
  for (const u of users) if (!seen.has(u.id)) seen.set(u.id, u);
  return [...seen.values()];
}

/**
 * One filtered request. Konnect does not document whether `filter[email][eq]` ignores case; the
 * file's emails are lower-cased, and a person Konnect holds in other case would be planned as
 * new, and the invitation answer 409 (never a deletion: a person is deleted only once found).
 */
async function findUser(client: KonnectClient, email: string): Promise<LiveUser | undefined> {
  const users = await listAll(client, 'global', '/v3/users', SHAPES.users, { query: { 'filter[email][eq]': email } });
  const found = users.find((u) => u.email.toLowerCase() === email);
  return found ? toLiveUser(found) : undefined;
}

async function findAccount(client: KonnectClient, name: string): Promise<ApiSystemAccount | undefined> {
  const accounts = await listAll(client, 'global', '/v3/system-accounts', SHAPES.systemAccounts, { query: { 'filter[name][eq]': name } });
  return accounts.find((a) => a.name === name);
}

/** The org's user count from one page of one user (`meta.page.total`), for the mass-deletion guard. */
async function countUsers(client: KonnectClient): Promise<number> {
  const res = await client.call('global', 'GET', '/v3/users', { query: { 'page[size]': 1, 'page[number]': 1 } });
  return checkShape(SHAPES.users, res.body, 'GET', '/v3/users', res.status).meta.page.total;
}
