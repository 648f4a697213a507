/**
 * Identity providers (OIDC or SAML, at most one enabled), their team-group mappings, and the
 * authentication settings that depend on them, as the Identity v3 spec and its examples describe.
 */
import { type AuthSettingsRecord, type IdentityProviderRecord, type OrgData, type OrgEnv, type TeamGroupMappingRecord, timestamp } from '../types.js';
import { conflict, invalid, notFound } from './errors.js';
import { findTeam } from './teams.js';

export function findProvider(data: OrgData, id: string): IdentityProviderRecord {
  const found = data.identity_providers.find((p) => p.id === id);
  if (!found) throw notFound('identity provider');
  return found;
}

export interface NewProvider {
  type: 'oidc' | 'saml';
  enabled?: boolean;
  login_path?: string;
  config?: Record<string, unknown>;
}

export function createProvider(data: OrgData, env: OrgEnv, input: NewProvider): IdentityProviderRecord {
  const loginPath = input.login_path ?? data.organization.login_path;
  if (data.identity_providers.some((p) => p.type === input.type)) throw conflict(`An identity provider of type ${input.type} already exists`);
  const now = timestamp(env);
  const p: IdentityProviderRecord = { id: env.newId(), type: input.type, enabled: false, login_path: loginPath, config: { ...(input.config ?? {}) }, created_at: now, updated_at: now };
  data.identity_providers.push(p);
  if (input.enabled) enableOnly(data, p);
  return p;
}

export function updateProvider(data: OrgData, env: OrgEnv, id: string, patch: Omit<NewProvider, 'type'>): IdentityProviderRecord {
  const p = findProvider(data, id);
  if (patch.login_path !== undefined) p.login_path = patch.login_path;
  if (patch.config !== undefined) p.config = { ...patch.config };
  if (patch.enabled === true) enableOnly(data, p);
  if (patch.enabled === false) p.enabled = false;
  p.updated_at = timestamp(env);
  return p;
}

/** "Only one identity provider can be active at a time" (IdentityProviderEnabled). */
function enableOnly(data: OrgData, p: IdentityProviderRecord): void {
  for (const other of data.identity_providers) other.enabled = other === p;
}

export function deleteProvider(data: OrgData, id: string): void {
  findProvider(data, id);
  data.identity_providers = data.identity_providers.filter((p) => p.id !== id);
  data.team_group_mappings = data.team_group_mappings.filter((m) => m.idp_id !== id);
}

export function findMapping(data: OrgData, idpId: string, id: string): TeamGroupMappingRecord {
  findProvider(data, idpId);
  const m = data.team_group_mappings.find((x) => x.idp_id === idpId && x.id === id);
  if (!m) throw notFound('team group mapping');
  return m;
}

export function createMapping(data: OrgData, env: OrgEnv, idpId: string, input: { team_id: string; group: string }): TeamGroupMappingRecord {
  findProvider(data, idpId);
  findTeam(data, input.team_id);
  // Group names are case-sensitive: "Admins" and "admins" are two groups.
  if (data.team_group_mappings.some((m) => m.idp_id === idpId && m.team_id === input.team_id && m.group === input.group)) {
    throw conflict('The group is already mapped to the team');
  }
  const now = timestamp(env);
  const m: TeamGroupMappingRecord = { id: env.newId(), idp_id: idpId, team_id: input.team_id, group: input.group, created_at: now, updated_at: now };
  data.team_group_mappings.push(m);
  return m;
}

export function deleteMapping(data: OrgData, idpId: string, id: string): void {
  findMapping(data, idpId, id);
  data.team_group_mappings = data.team_group_mappings.filter((m) => m.id !== id);
}

/** The five flags the spec's UpdateAuthenticationSettings body documents. */
const AUTH_FLAGS = ['basic_auth_enabled', 'oidc_auth_enabled', 'saml_auth_enabled', 'idp_mapping_enabled', 'konnect_mapping_enabled'] as const;

/**
 * PATCH /v3/authentication-settings with the spec's two documented refusals: an SSO scheme
 * before its provider exists, and every scheme off. Only the five documented flags are taken:
 * the spec does not forbid other keys, so they are ignored, never stored or answered back.
 */
export function updateAuthSettings(data: OrgData, body: Partial<AuthSettingsRecord>): AuthSettingsRecord {
  const patch: Partial<AuthSettingsRecord> = {};
  for (const flag of AUTH_FLAGS) if (typeof body[flag] === 'boolean') patch[flag] = body[flag];
  const next = { ...data.auth_settings, ...patch };
  for (const [flag, type] of [['oidc_auth_enabled', 'oidc'], ['saml_auth_enabled', 'saml']] as const) {
    if (patch[flag] === true && !data.identity_providers.some((p) => p.type === type)) {
      throw invalid([{ field: flag, reason: 'cannot be set before configuring an identity provider' }]);
    }
  }
  if (!next.basic_auth_enabled && !next.oidc_auth_enabled && !next.saml_auth_enabled) {
    throw invalid([
      { field: 'oidc_auth_enabled', reason: 'cannot be disabled when both basic auth and SAML are also disabled' },
      { field: 'basic_auth_enabled', reason: 'cannot be disabled when both OIDC and SAML are also disabled' },
      { field: 'saml_auth_enabled', reason: 'cannot be disabled when both OIDC and basic auth are also disabled' },
    ], 'Atleast one of the authentication schemes from basic, oidc or saml needs to be enabled');
  }
  data.auth_settings = next;
  return next;
}
