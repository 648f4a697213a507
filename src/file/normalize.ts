/** As written → desired: lower-cased emails, canonical entity types, defaults applied. Runs only on valid input. */
import { DEFAULT_DELETION_LIMITS, type DeletionLimits, type DesiredState, type DesiredTeam, type DesiredUser, type Grant, type Region, type UnlistedUsers, type UserStatus } from '../model.js';
import { readGrant } from './grants.js';
import { child, type Entry, isObj, type Obj, str, whereIs, type Written } from './written.js';

export function normalizeState(w: Written): DesiredState {
  const info = isObj(w.info?.value) ? w.info.value : {};
  const defaultRegion = isObj(info.defaults) ? (str(info.defaults.region) as Region | undefined) : undefined;
  const select = isObj(info.select_team_labels) ? (info.select_team_labels as Record<string, string>) : undefined;
  const identityProvider = str(info.identity_provider);
  const resendAfter = isObj(info.invites) && typeof info.invites.resend_after_days === 'number' ? info.invites.resend_after_days : undefined;
  return {
    info: {
      unlistedUsers: (str(info.unlisted_users) as UnlistedUsers | undefined) ?? 'remove',
      manageTeams: w.files.some((f) => isObj(f.value) && 'teams' in f.value),
      ...(defaultRegion ? { defaultRegion } : {}),
      ...(select ? { selectTeamLabels: { ...select } } : {}),
      ...(identityProvider ? { identityProvider } : {}),
      ...(resendAfter !== undefined ? { resendInvitesAfterDays: resendAfter } : {}),
      ...(isObj(info.guards) ? { guards: deletionLimits(info.guards) } : {}),
    },
    teams: w.teams.map((e) => toTeam(e, defaultRegion, select)),
    users: w.users.map((e) => toUser(e, defaultRegion)),
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
  return team;
}

function toUser(e: Entry, region: Region | undefined): DesiredUser {
  const v = e.value as Obj;
  const user: DesiredUser = {
    email: (v.email as string).toLowerCase(),
    teams: Array.isArray(v.teams) ? [...new Set(v.teams as string[])] : [],
    roles: grants(child(e, 'roles'), region),
  };
  const teams = child(e, 'teams');
  if (Array.isArray(teams.value) && teams.value.length > 0) {
    // Worked out only if asked (explain): positions cost a full parse of the file.
    let at: Record<string, string> | undefined;
    Object.defineProperty(user, 'teamsAt', {
      enumerable: true,
      get: () => {
        at ??= placesOf(teams);
        return at;
      },
    });
  }
  if (typeof v.full_name === 'string') user.fullName = v.full_name;
  if (typeof v.preferred_name === 'string') user.preferredName = v.preferred_name;
  if (typeof v.status === 'string') user.status = v.status as UserStatus;
  return user;
}

/** The first place each team name is written in a user's `teams`. */
function placesOf(list: Entry): Record<string, string> {
  const at: Record<string, string> = {};
  (list.value as unknown[]).forEach((name, i) => {
    if (typeof name === 'string' && !(name in at)) at[name] = whereIs(child(list, i));
  });
  return at;
}

function grants(list: Entry, region: Region | undefined): Grant[] {
  if (!Array.isArray(list.value)) return [];
  return list.value.flatMap((g, i) => {
    const grant = isObj(g) ? readGrant(g, region) : undefined;
    if (!grant) return [];
    // Where it is written, looked up only if a message needs it (positions cost a full parse).
    let at: string | undefined;
    const where = () => {
      at ??= whereIs(child(list, i));
      return at;
    };
    return [{ ...grant, get at() { return where(); } }];
  });
}
