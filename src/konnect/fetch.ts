/**
 * Read the live organization: only what the plan needs, concurrently (the client caps requests
 * in flight), every list paginated. Users and teams outside the scope are read no further than
 * the list that names them.
 */
import { NAMED_ENTITY_TYPES } from '../catalogue/roles.js';
import type { LiveGrant, LiveState, LiveTeam, LiveUser } from '../live.js';
import { type LiveEntity, REGIONS, type Region } from '../model.js';
import type { ApiTeam, ApiUser } from './api-types.js';
import { ApiError } from '../errors.js';
import type { KonnectClient } from './client.js';
import { fetchIdp, type IdpNeed, readMembershipOwner } from './fetch-idp.js';
import { listAll, startReadBudget } from './paginate.js';
import { countFoundReads, type OnProgress, type ReadPart } from '../progress.js';
import { checkShape, SHAPES } from './shape.js';
import { type AccountScope, listSystemAccounts, readAccountsAndIdentity } from './fetch-accounts.js';
import { askMe } from './whoami.js';
import { Feed } from './feed.js';
import { type EntityNeed, entityKeys, readEntityLists, readNamesElsewhere } from './entity-lists.js';

export type { EntityNeed } from './entity-lists.js';

export interface FetchScope {
  /** undefined = every user is in scope; else the lower-cased emails that are. */
  emails?: ReadonlySet<string>;
  /** Custom teams carrying all these labels are in scope; undefined = every custom team. */
  teamLabels?: Readonly<Record<string, string>>;
  /** false = no custom team is in scope (the file declares no teams). */
  customTeams?: boolean;
  /** Entity lists to read for name ↔ id, beyond those live grants point at. */
  entityNeeds: readonly EntityNeed[];
  /** Read identity providers and the team-group mappings of the managed one; undefined = not needed. */
  idp?: IdpNeed;
  /** undefined = system accounts are not managed, and only the token's own account is read. */
  systemAccounts?: AccountScope;
}

export interface FetchOptions {
  /** --konnect-system-account: the account a token that is not a user's belongs to. */
  systemAccount?: string;
  /** A `spat_…` token (or a named account): a refusal of GET /v3/users/me means "not a user". */
  notUserToken?: boolean;
}

export async function fetchLiveState(client: KonnectClient, scope: FetchScope, onProgress: OnProgress = () => {}, opts: FetchOptions = {}): Promise<LiveState> {
  startReadBudget(client);
  const userIn = (u: LiveUser) => !scope.emails || scope.emails.has(u.email);
  const counted = (part: ReadPart) => (done: number, total: number) => onProgress({ type: 'read', part, done, total });
  // Found on the team list's pages (members) and on both lists' pages (grants).
  const members = countFoundReads('memberships', onProgress, 1);
  const grants = countFoundReads('grants', onProgress, 2);
  // Second-stage reads start as the pages naming their users and teams arrive. Twice the
  // client's cap keeps its queue from running dry between one page and the next.
  const reads = new Feed<() => Promise<void>>(2 * client.parallelism, (read) => read());
  const users = new Map<string, LiveUser>();
  const teams = new Map<string, LiveTeam>();
  // A read answered 404: the user or team went between its list page and the read. That is an
  // error only if the list, as finally read, still names them (checked below).
  const gone = new Map<LiveUser | LiveTeam, unknown>();
  const unlessGone = async <T>(who: LiveUser | LiveTeam, read: () => Promise<T>, none: T): Promise<T> => {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof ApiError && err.api.status === 404)) throw err;
      gone.set(who, err);
      return none;
    }
  };
  const onUsers = (page: readonly ApiUser[]) => {
    for (const a of page) {
      const u = toLiveUser(a);
      // A list read again from the start (it did not add up) names people again: read anew only
      // who changed in between, so the plan never sees a user's old fields with another's roles.
      if (sameFields(users.get(a.id), u)) continue;
      users.set(a.id, u);
      if (!userIn(u)) continue;
      grants.grow();
      reads.add([async () => {
        u.roles = await unlessGone(u, () => listRoles(client, `/v3/users/${u.id}/assigned-roles`), []);
        grants.step();
      }]);
    }
  };
  const onTeams = (page: readonly ApiTeam[]) => {
    for (const a of page) {
      const t = toLiveTeam(a, scope.customTeams === false ? false : scope.teamLabels);
      if (sameFields(teams.get(a.id), t)) continue;
      teams.set(a.id, t);
      if (!t.inScope) continue;
      members.grow();
      reads.add([async () => {
        t.memberIds = (await unlessGone(t, () => listAll(client, 'global', `/v3/teams/${t.id}/users`, SHAPES.users), [])).map((u) => u.id);
        members.step();
      }]);
      if (t.system) continue;
      grants.grow();
      reads.add([async () => {
        t.roles = await unlessGone(t, () => listRoles(client, `/v3/teams/${t.id}/assigned-roles`), []);
        grants.step();
      }]);
    }
  };
  const early = entityKeys(scope.entityNeeds);
  const first = await Promise.all([
    askMe(client, opts.notUserToken === true),
    client.call('global', 'GET', '/v3/organizations/me').then((r) => checkShape(SHAPES.organization, r.body, 'GET', '/v3/organizations/me', r.status)),
    listAll(client, 'global', '/v3/users', SHAPES.users, { onItems: counted('users'), onPage: onUsers }).then(listed(grants)),
    listAll(client, 'global', '/v3/teams', SHAPES.teams, { onItems: counted('teams'), onPage: onTeams }).then(listed(members, grants)),
    readMembershipOwner(client),
    scope.systemAccounts ? listSystemAccounts(client) : undefined,
    readEntityLists(client, early),
  ]).catch((err: unknown) => {
    reads.abort(err);
    throw err;
  });
  const [me, organization, apiUsers, apiTeams, membershipOwner, apiAccounts, earlyEntities] = first;
  // In list order, as read the last time (a list that did not add up is read again).
  const liveUsers = apiUsers.map((a) => users.get(a.id)!);
  const liveTeams = apiTeams.map((a) => teams.get(a.id)!);
  let idp: LiveState['idp'];
  const [accounts] = await Promise.all([
    readAccountsAndIdentity(client, me, liveUsers, apiAccounts, scope.systemAccounts, opts.systemAccount, listRoles),
    ...(scope.idp ? [fetchIdp(client, scope.idp, liveTeams).then((x) => { idp = x; })] : []),
    reads.done(),
  ]).catch((err: unknown) => {
    reads.abort(err);
    throw err;
  });
  for (const x of [...liveUsers, ...liveTeams]) if (gone.has(x)) throw gone.get(x);
  const liveGrants = [...liveUsers.filter(userIn), ...liveTeams.filter((t) => t.inScope), ...(accounts.systemAccounts ?? [])].flatMap((x) => x.roles);
  const late = [...entityKeys(needsOfLiveGrants(liveGrants))].filter((k) => !early.has(k));
  const entities = [...earlyEntities, ...(await readEntityLists(client, new Set(late)))];
  entities.push(...(await readNamesElsewhere(client, scope.entityNeeds, entities, new Set([...early, ...late]))));
  return { ...accounts, organization: { id: organization.id, name: organization.name ?? '' }, users: liveUsers, teams: liveTeams, entities, ...membershipOwner, ...(idp ? { idp } : {}) };
}

/** The same user or team as listed before: every field but what is read later (roles, members). */
function sameFields<T extends LiveUser | LiveTeam>(had: T | undefined, now: T): boolean {
  if (!had) return false;
  const { roles: _r, ...a } = had as LiveUser & Partial<LiveTeam>;
  const { roles: _s, ...b } = now as LiveUser & Partial<LiveTeam>;
  delete a.memberIds;
  delete b.memberIds;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A list read whole: the counts of reads found on its pages have their totals. */
const listed = (...counts: { listRead: () => void }[]) => <T>(list: T): T => {
  for (const c of counts) c.listRead();
  return list;
};

export function toLiveUser(u: ApiUser): LiveUser {
  const user: LiveUser = { id: u.id, email: u.email.toLowerCase(), active: u.active !== false, roles: [] };
  if (u.full_name) user.fullName = u.full_name;
  if (u.preferred_name) user.preferredName = u.preferred_name;
  if (!user.active && u.created_at) user.invitedAt = u.created_at;
  if (!user.active && u.updated_at) user.changedAt = u.updated_at;
  return user;
}

/**
 * selector false: no custom team is orgdeck's; undefined: every one is. Predefined teams are
 * always in scope (their members are read).
 */
export function toLiveTeam(t: ApiTeam, selector: Readonly<Record<string, string>> | undefined | false): LiveTeam {
  const selected = selector !== false && (!selector || Object.entries(selector).every(([k, v]) => t.labels[k] === v));
  return { id: t.id, name: t.name, description: t.description, labels: t.labels, system: t.system_team, inScope: t.system_team || selected, memberIds: [], roles: [] };
}

/** Assigned-role lists declare no page parameters: Konnect returns them whole. */
export async function listRoles(client: KonnectClient, path: string): Promise<LiveGrant[]> {
  const roles = await listAll(client, 'global', path, SHAPES.roles, { paged: false });
  return roles.map((r) => ({
    id: r.id,
    role: r.role_name,
    entityType: r.entity_type_name,
    entityId: r.entity_id.toLowerCase(),
    region: r.entity_region.toLowerCase(),
  }));
}

export function needsOfLiveGrants(grants: readonly LiveGrant[]): EntityNeed[] {
  return grants
    .filter((g) => g.entityId !== '*' && g.entityType in NAMED_ENTITY_TYPES)
    .map((g) => ((REGIONS as readonly string[]).includes(g.region) ? { entityType: g.entityType, region: g.region as Region } : { entityType: g.entityType }));
}

/** The entity lists `needs` call for, and the names they lack looked up in the other regions. */
export async function fetchEntities(client: KonnectClient, needs: readonly EntityNeed[]): Promise<LiveEntity[]> {
  const read = entityKeys(needs);
  const found = await readEntityLists(client, read);
  return [...found, ...(await readNamesElsewhere(client, needs, found, read))];
}
