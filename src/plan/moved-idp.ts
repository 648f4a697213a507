/**
 * The facts of an IdP group mapping a saved plan adds or removes, checked against the mappings
 * read again: the provider they belong to, the team, and the mapping present (by its id, as it
 * will be deleted) or absent (by group: Konnect keeps one mapping of a group to a team); and
 * the SSO settings that decide whether Konnect or the IdP owns users' team membership.
 */
import type { LiveGroupMapping } from '../live.js';
import type { LiveIndex } from './live-index.js';
import type { Precondition } from './preconditions.js';

type MappingFact = Extract<Precondition, { fact: 'idp-group' }>;

export const NO_MAPPINGS = 'the plan changes IdP group mappings, which were not read again';

export function checkMapping(f: MappingFact, ix: LiveIndex): string | undefined {
  const mappings = mappingsOf(f, ix);
  if (typeof mappings === 'string') return mappings;
  const held = mappings.some((m) => (f.present && f.id ? m.id === f.id : m.group === f.group));
  if (held === f.present) return undefined;
  const group = `IdP group "${f.group}"`;
  if (!f.present) return `${group} is mapped to team "${f.team.name}" already`;
  const again = mappings.some((m) => m.group === f.group);
  return again ? `${group} was unmapped from team "${f.team.name}" and mapped again (a new mapping, id not ${f.id})` : `${group} is no longer mapped to team "${f.team.name}"`;
}

/** The team's live mappings in the fact's provider, or why they cannot be told. */
export function mappingsOf(f: Pick<MappingFact, 'team' | 'provider_id'>, ix: LiveIndex): readonly LiveGroupMapping[] | string {
  if (!ix.idp) return NO_MAPPINGS;
  if (ix.idp.selected?.id !== f.provider_id) {
    const known = ix.idp.providers.some((p) => p.id === f.provider_id);
    return known ? NO_MAPPINGS : `identity provider ${f.provider_id}, whose mappings the plan changes, no longer exists`;
  }
  const t = ix.teamsById.get(f.team.id);
  if (!t) return `team "${f.team.name}" (id ${f.team.id}) was deleted`;
  return t.idpGroups ?? `team "${f.team.name}"'s IdP group mappings were not read, so they cannot be checked`;
}

/**
 * A plan changes users' teams only when Konnect owned their membership as it was made. Since,
 * SSO with IdP mapping may have been turned on: the IdP resets membership at each login.
 */
export function checkMembershipOwner(ix: LiveIndex): string | undefined {
  const { idpOwnsMembership, idpMembershipUnread } = ix.membershipOwner;
  if (idpOwnsMembership) return 'users\' team membership follows the identity provider now (SSO with IdP mapping on, Konnect mapping off), which resets it at each login';
  if (idpMembershipUnread) return `orgdeck cannot tell whether users' team membership still follows Konnect, not the identity provider: ${idpMembershipUnread}`;
  return undefined;
}
