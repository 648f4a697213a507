/**
 * The whole local organization as one JSON-able value. Field names follow Konnect's wire
 * format where a record is rendered as-is, so `render.ts` stays a thin projection.
 */
import type { Region } from '../model.js';

export const ORG_DATA_VERSION = 1;

export interface OrganizationRecord {
  id: string;
  name: string;
  owner_id: string;
  login_path: string;
  created_at: string;
  updated_at: string;
}

export interface AuthSettingsRecord {
  basic_auth_enabled: boolean;
  oidc_auth_enabled: boolean;
  saml_auth_enabled: boolean;
  idp_mapping_enabled: boolean;
  konnect_mapping_enabled: boolean;
}

export interface UserRecord {
  id: string;
  email: string;
  /** Absent while the invite is pending: an invite carries only an email. */
  full_name?: string;
  preferred_name?: string;
  active: boolean;
  created_at: string;
  updated_at: string;
}

export interface TeamRecord {
  id: string;
  name: string;
  description: string | null;
  system_team: boolean;
  labels: Record<string, string>;
  created_at: string;
  updated_at: string;
}

export interface SystemAccountRecord {
  id: string;
  name: string;
  description: string;
  konnect_managed: boolean;
  created_at: string;
  updated_at: string;
}

/** A system account's access token as Konnect lists it (no secret). */
export interface AccessTokenRecord {
  id: string;
  account_id: string;
  name: string;
  created_at: string;
  updated_at: string;
  expires_at: string;
}

export interface IdentityProviderRecord {
  id: string;
  type: 'oidc' | 'saml';
  enabled: boolean;
  login_path: string;
  /** As given; write-only fields (client_secret) are never rendered. */
  config: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** One IdP group mapped to one team, per provider (group names are case-sensitive). */
export interface TeamGroupMappingRecord {
  id: string;
  idp_id: string;
  team_id: string;
  group: string;
  created_at: string;
  updated_at: string;
}

export type PrincipalKind = 'user' | 'team' | 'system_account';

export interface AssignedRoleRecord {
  id: string;
  principal_kind: PrincipalKind;
  principal_id: string;
  role_name: string;
  /** A UUID, or `*` for every entity of the type. */
  entity_id: string;
  entity_type_name: string;
  entity_region: string;
}

/** A control plane or API product: the regional objects roles can be scoped to. */
export interface EntityRecord {
  id: string;
  name: string;
  region: Region;
  description: string;
  labels: Record<string, string>;
  created_at: string;
  updated_at: string;
}

export interface OrgData {
  version: typeof ORG_DATA_VERSION;
  organization: OrganizationRecord;
  auth_settings: AuthSettingsRecord;
  users: UserRecord[];
  teams: TeamRecord[];
  team_users: { team_id: string; user_id: string }[];
  system_accounts: SystemAccountRecord[];
  team_system_accounts: { team_id: string; account_id: string }[];
  assigned_roles: AssignedRoleRecord[];
  control_planes: EntityRecord[];
  api_products: EntityRecord[];
  identity_providers: IdentityProviderRecord[];
  team_group_mappings: TeamGroupMappingRecord[];
  /** Seed-only: which role catalogue GET /v3/roles serves (default: documented, the bundled one). */
  role_catalogue?: 'documented' | 'spec';
  /** The invitation emails Konnect would have sent (rehearsal outbox, GET /_local/outbox). */
  invitations_sent?: { email: string; at: string }[];
  /** System accounts' access tokens (absent in data files written before they were served). */
  access_tokens?: AccessTokenRecord[];
}

/** Clock and id source shared by the seed builder and the store, injectable for tests. */
export interface OrgEnv {
  now: () => Date;
  newId: () => string;
}

export function timestamp(env: OrgEnv): string {
  return env.now().toISOString();
}
