/**
 * Whether a change's outcome already holds in the live org: the plan was applied, or someone made
 * the same change by hand. `sync --plan` says "already applied: nothing to do" only when this
 * holds for every change of the plan. Strict by design: what cannot be told (a re-sent
 * invitation, a kind whose lists were not read) is never in place, and a thing made with other
 * fields than the plan's is not the plan's.
 *
 *   create / update    it exists (by id, or by email or name when the plan creates it) with the
 *                      plan's `after` fields (name included)
 *   delete             nothing with its id, nor with its email or name, exists
 *   add / remove       the membership, grant or IdP group mapping is present / absent (grants
 *                      by role, entity and region; mappings by group, in the plan's provider)
 */
import type { LiveGrant, LiveState, LiveSystemAccount, LiveTeam, LiveUser } from '../live.js';
import { indexLive, type LiveIndex, liveFields, sameValue } from './live-index.js';
import { mappingsOf } from './moved-idp.js';
import type { Change, Fields } from './types.js';

export function inPlace(c: Change, ix: LiveIndex): boolean {
  const user = findUser(c, ix);
  const team = findTeam(c, ix);
  const account = findAccount(c, ix);
  const gone = c.op === 'delete';
  switch (c.kind) {
    case 'user':
      return gone ? !user : Boolean(user) && hasFields(liveFields.user(user!), c.after, c.user?.email.toLowerCase());
    case 'team':
      return gone ? !team : Boolean(team) && hasFields(liveFields.team(team!), c.after, c.team?.name);
    case 'system-account':
      if (!ix.accounts) return false;
      return gone ? !account : Boolean(account) && hasFields(liveFields.account(account!), c.after, c.system_account?.name);
    case 'team-membership':
      if (!user || !team) return gone;
      return team.inScope && team.memberIds.includes(user.id) !== gone;
    case 'system-account-membership':
      if (!ix.accounts) return false;
      if (!account || !team) return gone;
      return account.teamIds.includes(team.id) !== gone;
    case 'user-role':
    case 'team-role':
    case 'system-account-role': {
      if (c.kind === 'system-account-role' && !ix.accounts) return false;
      const holder = c.kind === 'user-role' ? user : c.kind === 'team-role' ? team : account;
      if (!holder) return gone;
      return holdsGrant(holder.roles, c) !== gone;
    }
    case 'team-idp-group': {
      if (!c.idp_group) return false;
      if (!team) return gone && Boolean(ix.idp?.selected && ix.idp.selected.id === c.idp_group.provider_id);
      const mappings = mappingsOf({ team: { name: team.name, id: team.id }, provider_id: c.idp_group.provider_id }, ix);
      return typeof mappings !== 'string' && mappings.some((m) => m.group === c.idp_group!.group) !== gone;
    }
    case 'invite':
      // Whether an invitation went out since cannot tell whose it was: never counted as done.
      return false;
    default:
      throw new Error(`internal: cannot tell whether ${c.op} ${c.kind} is in place`);
  }
}

/** The user a change names: by its id, else (or, for a deletion, also) by its email. */
function findUser(c: Change, ix: LiveIndex): LiveUser | undefined {
  if (!c.user) return undefined;
  return (c.user.id ? ix.usersById.get(c.user.id) : undefined) ?? (!c.user.id || c.op === 'delete' ? ix.usersByEmail.get(c.user.email.toLowerCase()) : undefined);
}

function findTeam(c: Change, ix: LiveIndex): LiveTeam | undefined {
  if (!c.team) return undefined;
  return (c.team.id ? ix.teamsById.get(c.team.id) : undefined) ?? (!c.team.id || c.op === 'delete' ? ix.teamsByName.get(c.team.name) : undefined);
}

function findAccount(c: Change, ix: LiveIndex): LiveSystemAccount | undefined {
  const a = c.system_account;
  if (!a || !ix.accounts) return undefined;
  return (a.id ? ix.accounts.byId.get(a.id) : undefined) ?? (!a.id || c.op === 'delete' ? ix.accounts.byName.get(a.name) : undefined);
}

/** Every `after` field as the plan wanted it; without a name among them, the name is still the change's own. */
function hasFields(now: Fields, after: Fields | undefined, name: string | undefined): boolean {
  const want: Fields = { ...after };
  const key = 'email' in now ? 'email' : 'name';
  if (!(key in want) && name !== undefined) want[key] = name;
  return Object.entries(want).every(([field, value]) => field in now && sameValue(value, now[field]));
}

function holdsGrant(roles: readonly LiveGrant[], c: Change): boolean {
  const g = c.grant;
  return Boolean(g) && roles.some((r) => r.role === g!.role && r.entityType === g!.entity_type && r.entityId === g!.entity_id && r.region === g!.region);
}

/** How many of the plan's changes are in place in the live org. */
export function countInPlace(changes: readonly Change[], live: LiveState): number {
  const ix = indexLive(live);
  return changes.filter((c) => inPlace(c, ix)).length;
}
