/**
 * orgdeck's vocabulary as types. "Desired" is what the state file asks for, normalized;
 * "live" is what the organization holds. Both use the same shapes so the diff compares like
 * with like.
 */

export const REGIONS = ['us', 'eu', 'au', 'me', 'in', 'sg'] as const;
export type Region = (typeof REGIONS)[number];
export type GrantRegion = Region | '*';
export const GRANT_REGIONS: readonly GrantRegion[] = [...REGIONS, '*'];

/** Every Konnect host orgdeck talks to: identity lives on `global`, entities in a region. */
export type Host = 'global' | Region;

/** Predefined (system) teams every org has; the live org's `system_team: true` is authoritative online. */
export const PREDEFINED_TEAMS: readonly string[] = [
  'Organization Admin',
  'Organization Admin (Read Only)',
  'Analytics Admin',
  'Analytics Viewer',
  'Portal Admin',
  'API Product Admin',
  'API Product Developer',
  'Control Plane Admin',
];

export const ORG_ADMIN_TEAM = 'Organization Admin';

export type UserStatus = 'active' | 'pending';
export type UnlistedUsers = 'remove' | 'ignore';
export type UnlistedSystemAccounts = 'remove' | 'ignore';

/** A role grant as the file names it: `entity` is a name, a UUID or `*`. */
export interface Grant {
  role: string;
  entityType: string;
  entity: string;
  /** undefined until resolved: the file omitted it and gave no default region. */
  region?: GrantRegion;
  /** Where the file wrote it, "file:line:col", so a grant that cannot be resolved online is located too. */
  at?: string;
  /** `expires:` of the grant; undefined = held until the file says otherwise. */
  expires?: Expiry;
}

/**
 * `expires:` on a grant or a membership: access that ends by itself. Konnect stores no expiry;
 * the file is the only place it lives, so `dump` cannot write one (`--merge-into` keeps them).
 */
export interface Expiry {
  /** Exactly as written: an ISO date ("2027-01-31") or a date-time with offset. */
  on: string;
  /** Where the file wrote it ("file:line:col"); absent for states not read from a file. */
  at?: string;
}

export interface DesiredUser {
  /** Lower-cased: Konnect compares emails case-insensitively. */
  email: string;
  fullName?: string;
  preferredName?: string;
  status?: UserStatus;
  teams: string[];
  /** Where the file lists each of `teams` ("file:line:col"), by team name; absent for states not read from a file. */
  teamsAt?: Record<string, string>;
  /** `expires:` of memberships written `{ name, expires }`, by team name. */
  teamExpiry?: Record<string, Expiry>;
  roles: Grant[];
}

/** A system account: a principal like a user (it joins teams and holds grants), named instead of emailed. */
export interface DesiredSystemAccount {
  /** Its identity: unique, compared exactly (Konnect answers 409 to a second account of the same name). */
  name: string;
  /** undefined = not managed; Konnect requires one to create an account. */
  description?: string;
  teams: string[];
  /** Where the file lists each of `teams` ("file:line:col"), by team name; absent for states not read from a file. */
  teamsAt?: Record<string, string>;
  roles: Grant[];
  /** The file marks it as Konnect's own: orgdeck then never creates or changes it. */
  konnectManaged?: boolean;
  /** `expires:` of memberships written `{ name, expires }`, by team name. */
  teamExpiry?: Record<string, Expiry>;
  /** `renamed_from:` names the account had: a live account under one of them is renamed, keeping its id. */
  renamedFrom?: string[];
}

export interface DesiredTeam {
  name: string;
  /** undefined = not managed; null = no description. */
  description?: string | null;
  /** undefined = not managed. */
  labels?: Record<string, string>;
  roles: Grant[];
  /** IdP groups mapped to the team, case-sensitive; undefined = not managed. */
  idpGroups?: string[];
  /** `renamed_from:` names the team had: a live team under one of them is renamed, keeping its id. */
  renamedFrom?: string[];
}

/** `_info.guards`: when deleting is mass deletion (refused without --force). */
export interface DeletionLimits {
  /** Refuse deleting more than this percentage of a kind in scope... */
  maxPercent: number;
  /** ...once more than this many would go. */
  alwaysAllowed: number;
}

export const DEFAULT_DELETION_LIMITS: DeletionLimits = { maxPercent: 25, alwaysAllowed: 3 };

export interface StateInfo {
  defaultRegion?: Region;
  unlistedUsers: UnlistedUsers;
  /** false when no file has a `teams` key: custom teams (and their members) are then left alone. */
  manageTeams: boolean;
  /** Teams carrying all these labels are orgdeck's; undefined = every custom team is. */
  selectTeamLabels?: Record<string, string>;
  /** With system accounts managed: remove (default) or ignore accounts the file does not list. */
  unlistedSystemAccounts?: UnlistedSystemAccounts;
  /** `_info.identity_provider`: the provider (id or login_path) whose team-group mappings are managed. */
  identityProvider?: string;
  /** `_info.invites.resend_after_days`: re-send a still-pending invitation this old; undefined = never. */
  resendInvitesAfterDays?: number;
  /** From `_info.guards`; undefined = DEFAULT_DELETION_LIMITS. */
  guards?: DeletionLimits;
}

/** The normalized desired state: what `validate` produces and `diff` consumes. */
export interface DesiredState {
  info: StateInfo;
  users: DesiredUser[];
  teams: DesiredTeam[];
  /** undefined when no file has a `system_accounts` key: system accounts are then not managed at all. */
  systemAccounts?: DesiredSystemAccount[];
}

/** A named entity that roles can target (control plane or API product). */
export interface LiveEntity {
  id: string;
  name: string;
  region: Region;
  entityType: string;
}
