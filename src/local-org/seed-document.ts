/** The seed `orgdeck serve` and the tests start a local org from: orgdeck's state file plus seed-only lists. */
import type { SeedGrant } from './seed-grants.js';

export type { SeedGrant } from './seed-grants.js';

export interface SeedEntity {
  name: string;
  region: string;
  id?: string;
  description?: string;
  labels?: Record<string, string>;
}

export interface SeedTeam {
  name: string;
  description?: string | null;
  labels?: Record<string, string>;
  roles?: SeedGrant[];
  /** Mapped in the provider `_info.identity_provider` names, else the enabled one, else the first. */
  idp_groups?: string[];
}

/** Seed-only: an identity provider (`GET /v3/identity-providers`). */
export interface SeedIdentityProvider {
  type: 'oidc' | 'saml';
  login_path?: string;
  enabled?: boolean;
  id?: string;
}

export interface SeedUser {
  email: string;
  full_name?: string;
  preferred_name?: string;
  status?: 'active' | 'pending';
  /** Pending users: when they were invited (their created_at). */
  invited_at?: string;
  teams?: string[];
  roles?: SeedGrant[];
}

export interface SeedSystemAccount {
  name: string;
  description?: string;
  konnect_managed?: boolean;
  teams?: string[];
  roles?: SeedGrant[];
}

/** The parsed seed YAML. Only `_info.defaults.region` of `_info` matters here. */
export interface SeedDocument {
  _format_version?: string;
  _info?: { defaults?: { region?: string }; [key: string]: unknown };
  /** Seed-only: GET /v3/authentication-settings (e.g. SSO with IdP team mapping). */
  authentication_settings?: Partial<Record<'basic_auth_enabled' | 'oidc_auth_enabled' | 'saml_auth_enabled' | 'idp_mapping_enabled' | 'konnect_mapping_enabled', boolean>>;
  identity_providers?: SeedIdentityProvider[];
  control_planes?: SeedEntity[];
  api_products?: SeedEntity[];
  teams?: SeedTeam[];
  users?: SeedUser[];
  system_accounts?: SeedSystemAccount[];
  /** Seed-only: the predefined teams this org has (default: today's eight), e.g. an older org's. */
  predefined_teams?: string[];
  /** Seed-only: `spec` serves only the role groups Kong's spec lists from GET /v3/roles. */
  role_catalogue?: 'documented' | 'spec';
  [key: string]: unknown;
}
