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
}

/** Whom a token belongs to, when it is not a user's, and how orgdeck decided. */
export interface TokenAccount {
  /** The system account with its teams and grants, when orgdeck could tell which one. */
  account?: LiveSystemAccount;
  /** How orgdeck decided, as a sentence for messages. */
  how: string;
}

export interface LiveState {
  /** The token's user (GET /v3/users/me); absent when the token is a system account's. */
  me?: { id: string; email: string };
  /** Set when the token is not a user's: a system-account token (`spat_…`). */
  tokenAccount?: TokenAccount;
  /** Read only when the file manages system accounts (and the token's own account, always). */
  systemAccounts?: LiveSystemAccount[];
  /** SSO with IdP team mapping on and Konnect mapping off: the IdP owns team membership. */
  idpOwnsMembership?: boolean;
  users: LiveUser[];
  teams: LiveTeam[];
  /** Entities of the types and regions the state needed, for names ↔ ids. */
  entities: LiveEntity[];
}
