/**
 * Read the org's identity providers and, for the one orgdeck manages, its team-group mappings
 * (`/v3/identity-providers/{idpId}/team-group-mappings`, cursor-paginated), onto the teams;
 * and whether the IdP owns users' team membership (`/v3/authentication-settings`).
 */
import { chooseProvider } from '../diff/identity-provider.js';
import { ApiError, ResponseError } from '../errors.js';
import type { LiveIdentityProvider, LiveIdp, LiveState, LiveTeam } from '../live.js';
import type { ApiIdentityProvider, ApiTeamGroupMapping } from './api-types.js';
import type { KonnectClient } from './client.js';
import { chargeItems, MAX_LIST_TOTAL, PAGE_SIZE } from './paginate.js';
import { checkShape, SHAPES } from './shape.js';

export interface IdpNeed {
  /** `_info.identity_provider`. */
  wanted?: string;
  /** dump: with several providers and none named, take the enabled one. */
  preferEnabled?: boolean;
}

export async function fetchIdp(client: KonnectClient, need: IdpNeed, teams: readonly LiveTeam[]): Promise<LiveIdp> {
  let list: ApiIdentityProvider[];
  try {
    const res = await client.call('global', 'GET', '/v3/identity-providers');
    list = checkShape(SHAPES.identityProviders, res.body, 'GET', '/v3/identity-providers', res.status);
  } catch (err) {
    // A Konnect without the per-provider API has no provider orgdeck can manage mappings of.
    if (err instanceof ApiError && err.api.status === 404) return { providers: [] };
    if (err instanceof ApiError && err.api.status === 403) {
      return { providers: [], problem: `The token may not read the identity providers (${err.summary}), so idp_groups cannot be compared. Use a token of an Organization Admin, or leave idp_groups out.` };
    }
    throw err;
  }
  const providers: LiveIdentityProvider[] = list.map((p) => ({
    id: p.id, type: p.type ?? 'unknown', loginPath: p.login_path ?? '', enabled: p.enabled === true,
  }));
  const choice = chooseProvider(providers, need.wanted, need.preferEnabled);
  if (!choice.selected) return { providers, ...(choice.problem ? { problem: choice.problem } : {}) };
  const mappings = await listMappings(client, choice.selected.id);
  const byTeam = new Map(teams.map((t) => [t.id, t]));
  for (const t of teams) if (t.inScope && !t.system) t.idpGroups = [];
  for (const m of mappings) {
    const team = byTeam.get(m.team_id);
    if (team?.idpGroups) team.idpGroups.push({ id: m.id, group: m.group });
  }
  return { providers, selected: choice.selected };
}

/** Cursor pagination: the next page is named by `page[after]` in `meta.page.next`. */
async function listMappings(client: KonnectClient, idpId: string): Promise<ApiTeamGroupMapping[]> {
  const path = `/v3/identity-providers/${idpId}/team-group-mappings`;
  const out: ApiTeamGroupMapping[] = [];
  const seen = new Set<string>();
  const ids = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const res = await client.call('global', 'GET', path, { query: { 'page[size]': PAGE_SIZE, ...(after ? { 'page[after]': after } : {}) } });
    const page = checkShape(SHAPES.idpMappings, res.body, 'GET', path, res.status);
    // As for page-numbered lists (paginate.ts): a list that repeats itself or never ends is refused, not read partly.
    const refuse = (what: string) => new ResponseError('GET', path, res.status, what);
    chargeItems(client, path, page.data?.length ?? 0);
    for (const m of page.data ?? []) {
      if (ids.has(m.id)) throw refuse(`a list that repeats the mapping ${m.id}`);
      ids.add(m.id);
      out.push(m);
    }
    if (out.length > MAX_LIST_TOTAL) throw refuse(`a list longer than the ${MAX_LIST_TOTAL.toLocaleString('en-US')} items orgdeck reads from one list`);
    const next = page.meta?.page?.next;
    after = next ? (new URLSearchParams(next.split('?')[1] ?? '').get('page[after]') ?? undefined) : undefined;
    if (!after) return out;
    if (seen.has(after)) throw refuse(`a cursor (meta.page.next) it had already given, which would never end`);
    seen.add(after);
  }
}

type MembershipOwner = Pick<LiveState, 'idpOwnsMembership' | 'idpMembershipUnread'>;
const SETTINGS = '/v3/authentication-settings';

/**
 * Konnect's docs: with SSO and IdP mapping on (Konnect mapping off), team membership follows the
 * IdP and is read-only in Konnect. The spec makes every field optional and documents a 403, so
 * an answer may not tell; then membership is not read as Konnect's (orgdeck would change teams
 * the IdP resets at each login) but left alone, and the reason travels to the plan's note.
 */
export async function readMembershipOwner(client: KonnectClient): Promise<MembershipOwner> {
  let s: Partial<Record<'oidc_auth_enabled' | 'saml_auth_enabled' | 'idp_mapping_enabled' | 'konnect_mapping_enabled', boolean>>;
  try {
    const res = await client.call('global', 'GET', SETTINGS);
    s = checkShape(SHAPES.authSettings, res.body, 'GET', SETTINGS, res.status);
  } catch (err) {
    // A Konnect without the endpoint has no SSO settings to follow.
    if (err instanceof ApiError && err.api.status === 404) return {};
    if (err instanceof ApiError && err.api.status === 403) return { idpMembershipUnread: `the token may not read the authentication settings (GET ${SETTINGS}: ${err.summary})` };
    throw err;
  }
  // Three-valued: undefined is a field the answer left out, and decides only when the others cannot.
  const sso = anyOf(s.oidc_auth_enabled, s.saml_auth_enabled);
  const owns = allOf(allOf(sso, s.idp_mapping_enabled), s.konnect_mapping_enabled === undefined ? undefined : !s.konnect_mapping_enabled);
  if (owns !== undefined) return owns ? { idpOwnsMembership: true } : {};
  const missing = (['oidc_auth_enabled', 'saml_auth_enabled', 'idp_mapping_enabled', 'konnect_mapping_enabled'] as const).filter((k) => s[k] === undefined);
  return { idpMembershipUnread: `GET ${SETTINGS} left out ${missing.join(', ')}` };
}

function anyOf(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === true || b === true) return true;
  return a === false && b === false ? false : undefined;
}

function allOf(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}
