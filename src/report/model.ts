/**
 * The access report as a value: what `orgdeck report` writes as JSON (schemas/report.schema.json),
 * flattens to CSV and embeds in its HTML page. Field names are the documented column names
 * (docs/report.md): renaming one breaks every reader of a report.
 */

export const REPORT_FORMAT_VERSION = '1.0';

export type PrincipalType = 'user' | 'system_account';

/**
 * Why a row deserves a reviewer's eye. organization_admin: a member of the Organization Admin
 * team; identity_admin: Admin on Identity; org_wide: a grant on "*"; entity_missing: a grant on
 * an entity the org no longer lists; expiring / expired: its `expires:` falls in the window / has passed.
 */
export type RowFlag = 'organization_admin' | 'identity_admin' | 'org_wide' | 'entity_missing' | 'expiring' | 'expired';
export const ADMIN_FLAGS: readonly RowFlag[] = ['organization_admin', 'identity_admin', 'org_wide'];

/** One (principal, access, source): a team membership (role null) or a grant. */
export interface ReportRow {
  principal_type: PrincipalType;
  /** A user's email or a system account's name. */
  principal: string;
  principal_id: string | null;
  /** Users: active or pending (invited, not accepted); system accounts: null. */
  status: 'active' | 'pending' | null;
  access: 'membership' | 'grant';
  role: string | null;
  entity_type: string | null;
  /** The entity's name when known, else its id as written. */
  entity: string | null;
  entity_id: string | null;
  region: string | null;
  /** direct: granted to the principal; team: through a team it belongs to; idp_group: a team whose membership the IdP owns. */
  source: 'direct' | 'team' | 'idp_group';
  team: string | null;
  team_id: string | null;
  /** The IdP groups mapped to `team`. */
  idp_groups: string[];
  /** When the access ends by itself (the earliest of the membership's and the grant's `expires:`). */
  expires: string | null;
  /** Where the state file declares it ("file:line:col"), for a report read from files. */
  declared_at: string | null;
  flags: RowFlag[];
}

export interface ReportTeam {
  name: string;
  id: string | null;
  /** Predefined by Konnect: its roles are Konnect's own and not listed. */
  predefined: boolean;
  members: number;
  idp_groups: string[];
  grants: { role: string; entity_type: string; entity: string; entity_id: string | null; region: string | null; expires: string | null }[];
}

export interface ReportSystemAccount {
  name: string;
  id: string | null;
  description: string | null;
  konnect_managed: boolean;
}

export interface Report {
  format_version: typeof REPORT_FORMAT_VERSION;
  /** When it was built (ISO 8601, UTC). */
  generated_at: string;
  /** live: read from the organization; file: read offline from state files or a dump. */
  source: 'live' | 'file';
  organization: { id: string; name: string } | null;
  expiring_within_days: number;
  summary: {
    users: number;
    pending_invitations: number;
    system_accounts: number;
    teams: number;
    empty_teams: number;
    rows: number;
    admins: number;
    org_wide_grants: number;
    expiring: number;
    expired: number;
    missing_entities: number;
    unassigned: number;
  };
  admins: { principal_type: PrincipalType; principal: string; reasons: RowFlag[] }[];
  pending_invitations: { email: string; invited_at: string | null; age_days: number | null }[];
  empty_teams: { name: string; id: string | null }[];
  /** Principals in no team and with no grant. */
  unassigned: { principal_type: PrincipalType; principal: string }[];
  teams: ReportTeam[];
  system_accounts: ReportSystemAccount[];
  rows: ReportRow[];
}
