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

export interface LiveState {
  me: { id: string; email: string };
  /** `GET /v3/organizations/me`: which organization the token belongs to (absent in unit-test states). */
  organization?: { id: string; name: string };
  /** SSO with IdP team mapping on and Konnect mapping off: the IdP owns team membership. */
  idpOwnsMembership?: boolean;
  users: LiveUser[];
  teams: LiveTeam[];
  /** Entities of the types and regions the state needed, for names ↔ ids. */
  entities: LiveEntity[];
}
