/**
 * The API's own shapes, as the Identity v3 and regional v2 specs declare them (only what orgdeck
 * reads). Values of these types have passed the checks in shape.ts.
 */
export interface ApiUser {
  id: string;
  email: string;
  full_name?: string;
  preferred_name?: string;
  active?: boolean;
  created_at?: string;
  updated_at?: string;
}

export interface ApiTeam {
  id: string;
  name: string;
  description: string | null;
  system_team: boolean;
  labels: Record<string, string>;
}

export interface ApiAssignedRole {
  id: string;
  role_name: string;
  entity_id: string;
  entity_type_name: string;
  entity_region: string;
}

export interface ApiEntity {
  id: string;
  name: string;
}

export interface AuthSettings {
  basic_auth_enabled?: boolean;
  oidc_auth_enabled?: boolean;
  saml_auth_enabled?: boolean;
  idp_mapping_enabled?: boolean;
  konnect_mapping_enabled?: boolean;
}

export interface PageMeta {
  number: number;
  size: number;
  total: number;
}

export interface List<T> {
  meta: { page: PageMeta };
  data: T[];
}

export interface ApiSystemAccount {
  id: string;
  name: string;
  description?: string;
  konnect_managed?: boolean;
}

/** A system account's access token as listed (`SystemAccountAccessToken`): never its secret. */
export interface ApiAccessToken {
  id: string;
  name?: string;
  created_at?: string;
  expires_at?: string;
  last_used_at?: string | null;
}

/** `GET /v3/organizations/me` (MeOrganization): which organization a token belongs to. */
export interface ApiOrganization {
  id: string;
  name?: string;
}

/** `GET /v3/identity-providers` answers a bare array of these. */
export interface ApiIdentityProvider {
  id: string;
  type?: string;
  enabled?: boolean;
  login_path?: string;
}

export interface ApiTeamGroupMapping {
  id: string;
  team_id: string;
  group: string;
}

/** Cursor pagination (only the per-provider team-group mappings use it): follow `meta.page.next`. */
export interface CursorPage<T> {
  meta?: { page?: { next?: string | null } };
  data?: T[];
}
