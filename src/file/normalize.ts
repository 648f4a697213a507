/** As written → desired: lower-cased emails, canonical entity types, defaults applied. Runs only on valid input. */
import { DEFAULT_DELETION_LIMITS, type DeletionLimits, type DesiredState, type DesiredSystemAccount, type DesiredTeam, type DesiredUser, type Expiry, type Grant, type Region, type UnlistedSystemAccounts, type UnlistedUsers, type UserStatus } from '../model.js';
import { readGrant } from './grants.js';
import { Place, WrittenExpiry, WrittenGrant, WrittenSystemAccount, WrittenUser } from './placed.js';
import { teamNameOf } from './team-items.js';
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
  const user = new WrittenUser((v.email as string).toLowerCase(), teamNames(v.teams), grants(child(e, 'roles'), region), child(e, 'teams'));
  const expiry = membershipExpiry(child(e, 'teams'));
  if (expiry) user.teamExpiry = expiry;
  if (typeof v.full_name === 'string') user.fullName = v.full_name;
  if (typeof v.preferred_name === 'string') user.preferredName = v.preferred_name;
  if (typeof v.status === 'string') user.status = v.status as UserStatus;
  return user;
}

function toSystemAccount(e: Entry, region: Region | undefined): DesiredSystemAccount {
  const v = e.value as Obj;
  const account = new WrittenSystemAccount(v.name as string, teamNames(v.teams), grants(child(e, 'roles'), region), child(e, 'teams'));
  const expiry = membershipExpiry(child(e, 'teams'));
  if (expiry) account.teamExpiry = expiry;
  if (typeof v.description === 'string') account.description = v.description;
  if (v.konnect_managed === true) account.konnectManaged = true;
  if (Array.isArray(v.renamed_from) && v.renamed_from.length > 0) account.renamedFrom = [...(v.renamed_from as string[])];
  return account;
}

function grants(list: Entry, region: Region | undefined): Grant[] {
  if (!Array.isArray(list.value)) return [];
  const path = list.path;
  return list.value.flatMap((g, i) => {
    const grant = isObj(g) ? readGrant(g, region) : undefined;
    if (!grant) return [];
    const written = new WrittenGrant(grant, new Place(list.file.place, path, i));
    if (typeof g.expires === 'string') written.expires = new WrittenExpiry(g.expires, new Place(list.file.place, path, i, 'expires'));
    return [written];
  });
}

/** The teams of a principal, each once, whichever form each item is written in. */
function teamNames(list: unknown): string[] {
  return Array.isArray(list) ? [...new Set(list.map(teamNameOf).filter((n) => n !== undefined))] : [];
}

/** `expires` of the items written `{ name, expires }`, by team name; undefined when there are none. */
function membershipExpiry(list: Entry): Record<string, Expiry> | undefined {
  if (!Array.isArray(list.value) || !list.value.some(isObj)) return undefined;
  // No prototype: a team may be called "constructor".
  const out: Record<string, Expiry> = Object.create(null);
  list.value.forEach((item, i) => {
    if (isObj(item) && typeof item.name === 'string' && typeof item.expires === 'string' && !Object.hasOwn(out, item.name)) {
      out[item.name] = new WrittenExpiry(item.expires, new Place(list.file.place, list.path, i, 'expires'));
    }
  });
  return out;
}

