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
  /**
   * read: listed in access_tokens; not_readable: Konnect refused the list (403, 404); not_read:
   * a report read from files, which hold no tokens. access_tokens is null unless read.
   */
  access_tokens_status: 'read' | 'not_readable' | 'not_read';
  access_tokens: ReportAccessToken[] | null;
}

/**
 * Why a token deserves a reviewer's eye. expired / expiring: expires_at has passed / falls in the
 * report's window; no_expiry: it never ends by itself; never_used: Konnect lists no last use.
 */
export type TokenFlag = 'expired' | 'expiring' | 'no_expiry' | 'never_used';

/** A system account's access token: its name and dates, never its id or secret. */
export interface ReportAccessToken {
  name: string | null;
  created_at: string | null;
  last_used_at: string | null;
  expires_at: string | null;
  flags: TokenFlag[];
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
    /** Access tokens of system accounts (a live report only; 0 from files); the next four count their flags. */
    access_tokens: number;
    expired_tokens: number;
    expiring_tokens: number;
    tokens_without_expiry: number;
    unused_tokens: number;
    /** System accounts whose tokens Konnect would not list. */
    unreadable_token_lists: number;
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

/** The summary's counts of system-account tokens (src/report/tokens.ts). */
export type TokenCounts = Pick<Report['summary'], 'access_tokens' | 'expired_tokens' | 'expiring_tokens' | 'tokens_without_expiry' | 'unused_tokens' | 'unreadable_token_lists'>;
