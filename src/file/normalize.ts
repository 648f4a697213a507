/** As written → desired: lower-cased emails, canonical entity types, defaults applied. Runs only on valid input. */
import { DEFAULT_DELETION_LIMITS, type DeletionLimits, type DesiredState, type DesiredSystemAccount, type DesiredTeam, type DesiredUser, type Grant, type Region, type UnlistedSystemAccounts, type UnlistedUsers, type UserStatus } from '../model.js';
import { readGrant } from './grants.js';
import type { PathSegment } from './located.js';
import type { ParsedFile } from './parse.js';
import { child, type Entry, isObj, type Obj, str, type Written } from './written.js';

export function normalizeState(w: Written): DesiredState {
  const info = isObj(w.info?.value) ? w.info.value : {};
  const defaultRegion = isObj(info.defaults) ? (str(info.defaults.region) as Region | undefined) : undefined;
  const select = isObj(info.select_team_labels) ? (info.select_team_labels as Record<string, string>) : undefined;
  const manageSystemAccounts = w.files.some((f) => isObj(f.value) && 'system_accounts' in f.value);
  const identityProvider = str(info.identity_provider);
  const resendAfter = isObj(info.invites) && typeof info.invites.resend_after_days === 'number' ? info.invites.resend_after_days : undefined;
  return {
    info: {
      unlistedUsers: (str(info.unlisted_users) as UnlistedUsers | undefined) ?? 'remove',
      manageTeams: w.files.some((f) => isObj(f.value) && 'teams' in f.value),
      ...(defaultRegion ? { defaultRegion } : {}),
      ...(select ? { selectTeamLabels: { ...select } } : {}),
      ...(manageSystemAccounts ? { unlistedSystemAccounts: (str(info.unlisted_system_accounts) as UnlistedSystemAccounts | undefined) ?? 'remove' } : {}),
      ...(identityProvider ? { identityProvider } : {}),
      ...(resendAfter !== undefined ? { resendInvitesAfterDays: resendAfter } : {}),
      ...(isObj(info.guards) ? { guards: deletionLimits(info.guards) } : {}),
    },
    teams: w.teams.map((e) => toTeam(e, defaultRegion, select)),
    users: w.users.map((e) => toUser(e, defaultRegion)),
    ...(manageSystemAccounts ? { systemAccounts: w.systemAccounts.map((e) => toSystemAccount(e, defaultRegion)) } : {}),
  };
}

function deletionLimits(g: Obj): DeletionLimits {
  return {
    maxPercent: typeof g.max_deletion_percent === 'number' ? g.max_deletion_percent : DEFAULT_DELETION_LIMITS.maxPercent,
    alwaysAllowed: typeof g.deletions_always_allowed === 'number' ? g.deletions_always_allowed : DEFAULT_DELETION_LIMITS.alwaysAllowed,
  };
}

function toTeam(e: Entry, region: Region | undefined, select: Record<string, string> | undefined): DesiredTeam {
  const v = e.value as Obj;
  const team: DesiredTeam = { name: v.name as string, roles: grants(child(e, 'roles'), region) };
  if (typeof v.description === 'string') team.description = v.description;
  if (isObj(v.labels)) team.labels = { ...(v.labels as Record<string, string>), ...select };
  if (Array.isArray(v.idp_groups)) team.idpGroups = [...(v.idp_groups as string[])];
  if (Array.isArray(v.renamed_from) && v.renamed_from.length > 0) team.renamedFrom = [...(v.renamed_from as string[])];
  return team;
}

function toUser(e: Entry, region: Region | undefined): DesiredUser {
  const v = e.value as Obj;
  const user = new WrittenUser((v.email as string).toLowerCase(), Array.isArray(v.teams) ? [...new Set(v.teams as string[])] : [], grants(child(e, 'roles'), region), child(e, 'teams'));
  if (typeof v.full_name === 'string') user.fullName = v.full_name;
  if (typeof v.preferred_name === 'string') user.preferredName = v.preferred_name;
  if (typeof v.status === 'string') user.status = v.status as UserStatus;
  return user;
}

function toSystemAccount(e: Entry, region: Region | undefined): DesiredSystemAccount {
  const v = e.value as Obj;
  const account: DesiredSystemAccount = {
    name: v.name as string,
    teams: Array.isArray(v.teams) ? [...new Set(v.teams as string[])] : [],
    roles: grants(child(e, 'roles'), region),
  };
  if (typeof v.description === 'string') account.description = v.description;
  if (v.konnect_managed === true) account.konnectManaged = true;
  if (Array.isArray(v.renamed_from) && v.renamed_from.length > 0) account.renamedFrom = [...(v.renamed_from as string[])];
  return account;
}

function grants(list: Entry, region: Region | undefined): Grant[] {
  if (!Array.isArray(list.value)) return [];
  return list.value.flatMap((g, i) => {
    const grant = isObj(g) ? readGrant(g, region) : undefined;
    return grant ? [new WrittenGrant(grant, new Place(list.file.place, [...list.path, i]))] : [];
  });
}

/**
 * Where a grant or a team name is written, worked out only when a message or `explain` asks:
 * positions cost a full parse of the file. A place holds the file's locator and a path, not the
 * parsed file, so a 10,000-user state does not keep its file's tree (or a closure per grant).
 */
class Place {
  #text: string | undefined;

  constructor(
    private readonly locate: ParsedFile['place'],
    private readonly path: readonly PathSegment[],
  ) {}

  get text(): string {
    this.#text ??= this.locate(this.path);
    return this.#text;
  }
}

/** A grant as the file wrote it; `at` (a getter on the class, so every grant shares one shape) is its place. */
class WrittenGrant implements Grant {
  declare role: string;
  declare entityType: string;
  declare entity: string;
  declare region?: Grant['region'];
  readonly #place: Place;

  constructor(grant: Grant, place: Place) {
    Object.assign(this, grant);
    this.#place = place;
  }

  get at(): string {
    return this.#place.text;
  }
}

/** A user as the file wrote them; `teamsAt` is worked out from the `teams` list when asked. */
class WrittenUser implements DesiredUser {
  declare fullName?: string;
  declare preferredName?: string;
  declare status?: UserStatus;
  readonly #teamList: { place: ParsedFile['place']; path: readonly PathSegment[]; names: unknown[] } | undefined;
  #teamsAt: Record<string, string> | undefined;

  constructor(
    public email: string,
    public teams: string[],
    public roles: Grant[],
    teamList: Entry,
  ) {
    const names = teamList.value;
    this.#teamList = Array.isArray(names) && names.length > 0 ? { place: teamList.file.place, path: teamList.path, names } : undefined;
  }

  /** The first place each team name is written in the user's `teams`. */
  get teamsAt(): Record<string, string> | undefined {
    const list = this.#teamList;
    if (!list) return undefined;
    if (!this.#teamsAt) {
      // No prototype: a team may be called "constructor", and explain looks names up here.
      const at: Record<string, string> = Object.create(null);
      list.names.forEach((name, i) => {
        if (typeof name === 'string' && !Object.hasOwn(at, name)) at[name] = list.place([...list.path, i]);
      });
      this.#teamsAt = at;
    }
    return this.#teamsAt;
  }
}
