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

/** `GET /v3/organizations/me` (MeOrganization): which organization a token belongs to. */
export interface ApiOrganization {
  id: string;
  name?: string;
}
