/** What the organization holds, as orgdeck reads it: ids kept alongside the comparable fields. */
import type { GrantRegion, LiveEntity } from './model.js';

export interface LiveGrant {
  id: string;
  role: string;
  entityType: string;
  entityId: string;
  region: GrantRegion | string;
}

export interface LiveUser {
  id: string;
  /** Lower-cased. */
  email: string;
  fullName?: string;
  preferredName?: string;
  /** false = invited, not yet accepted. */
  active: boolean;
  /** Pending users: when invited (the user's created_at; Konnect exposes no invitation date). */
  invitedAt?: string;
  /** Pending users: the last change to the user (updated_at), which a re-sent invitation may move. */
  changedAt?: string;
  /** Filled only for users in scope. */
  roles: LiveGrant[];
}

export interface LiveTeam {
  id: string;
  name: string;
  description: string | null;
  labels: Record<string, string>;
  system: boolean;
  /** Whether orgdeck manages this team (predefined teams: membership only). */
  inScope: boolean;
  /** User ids; filled only for teams in scope. */
  memberIds: string[];
  /** Filled only for custom teams in scope. */
  roles: LiveGrant[];
  /** IdP groups mapped to the team by the selected provider; filled only when mappings were read. */
  idpGroups?: LiveGroupMapping[];
}

export interface LiveGroupMapping {
  /** The mapping's id (for DELETE). */
  id: string;
  /** Case-sensitive. */
  group: string;
}

export interface LiveIdentityProvider {
  id: string;
  type: string;
  loginPath: string;
  enabled: boolean;
}

/** What orgdeck knows of the org's identity providers, when the state needed them. */
export interface LiveIdp {
  providers: LiveIdentityProvider[];
  /** The provider whose team-group mappings were read (and are managed). */
  selected?: LiveIdentityProvider;
  /** Why no provider was selected although several exist (or the named one does not). */
  problem?: string;
}

export interface LiveSystemAccount {
  id: string;
  name: string;
  description: string | null;
  /** Konnect's own account (e.g. for Mesh): never changed or deleted. */
  konnectManaged: boolean;
  /** Ids of the teams it belongs to (teams in scope only). */
  teamIds: string[];
  roles: LiveGrant[];
  /**
   * Read only for a token whose account was named, not confirmed by Konnect: whether the account
   * holds an access token valid now (false: none, so it cannot be the token's). Absent = unknown.
   */
  liveToken?: boolean;
  /** Read by `orgdeck report` alone: the account's access tokens; null = Konnect would not list them (403, 404). */
  accessTokens?: LiveAccessToken[] | null;
}

/** An access token as listed: never its id or secret, only what an access review shows. */
export interface LiveAccessToken {
  name: string | null;
  createdAt: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** Whom a token belongs to, when it is not a user's, and how orgdeck decided. */
export interface TokenAccount {
  /** The system account with its teams and grants, when orgdeck could tell which one. */
  account?: LiveSystemAccount;
  /** How orgdeck decided, as a sentence for messages. */
  how: string;
  /** The operator named the account (--konnect-system-account) and Konnect did not confirm it. */
  named?: boolean;
}

export interface LiveState {
  /** The token's user (GET /v3/users/me); absent when the token is a system account's. */
  me?: { id: string; email: string };
  /** Set when the token is not a user's: a system-account token (`spat_…`). */
  tokenAccount?: TokenAccount;
  /** Read only when the file manages system accounts (and the token's own account, always). */
  systemAccounts?: LiveSystemAccount[];
  /** `GET /v3/organizations/me`: which organization the token belongs to (absent in unit-test states). */
  organization?: { id: string; name: string };
  /** SSO with IdP team mapping on and Konnect mapping off: the IdP owns team membership. */
  idpOwnsMembership?: boolean;
  /**
   * Why the authentication settings could not tell who owns team membership (a 403, or fields
   * missing): then users' membership is left alone as if the IdP owned it, and the note says why.
   */
  idpMembershipUnread?: string;
  /** Read only when the state manages idp_groups (and by dump). */
  idp?: LiveIdp;
  users: LiveUser[];
  /**
   * How many users the org has, when `users` holds only some of them (a targeted read: page
   * metadata). The mass-deletion guard weighs deleted users against it.
   */
  userTotal?: number;
  teams: LiveTeam[];
  /** Entities of the types and regions the state needed, for names ↔ ids. */
  entities: LiveEntity[];
}
