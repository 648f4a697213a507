/** The API's own shapes, as the Identity v3 and regional v2 specs declare them (only what orgdeck reads). */
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
  description?: string | null;
  system_team?: boolean;
  labels?: Record<string, string> | null;
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

export interface Page<T> {
  meta?: { page?: { number?: number; size?: number; total?: number } };
  data?: T[];
}

/** `GET /v3/organizations/me` (MeOrganization): every field optional in the spec. */
export interface ApiOrganization {
  id?: unknown;
  name?: unknown;
}
