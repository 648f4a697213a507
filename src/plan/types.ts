/**
 * The plan: a serializable value that `diff` renders and `sync` executes. Its JSON form is
 * versioned and described by schemas/plan.schema.json.
 */
import type { Refusal } from './guards.js';
import type { AccessChange } from './access-changes.js';
import type { Precondition } from './preconditions.js';

/** 2.0: refusals are part of the plan. */
export const PLAN_FORMAT_VERSION = '2.0';

export type Op = 'create' | 'update' | 'delete';
export type Kind =
  | 'user' | 'team' | 'team-membership' | 'user-role' | 'team-role' | 'team-idp-group' | 'invite'
  | 'system-account' | 'system-account-membership' | 'system-account-role';

/** A role assignment as the plan carries it: display name and the id the API wants. */
export interface PlanGrant {
  role: string;
  entity_type: string;
  /** As the user knows it: a name, an id, or "*". */
  entity: string;
  entity_id: string;
  region: string;
  /** The live assignment's id (deletes only). */
  id?: string;
}

export type Fields = Record<string, unknown>;

export interface Change {
  op: Op;
  kind: Kind;
  /** Identity within its kind: email, team name, account name, team/email, team/account, owner/role/entity type/entity/region. */
  key: string;
  user?: { email: string; id?: string };
  /** The system account concerned; id absent when this plan creates it. */
  system_account?: { name: string; id?: string };
  team?: { name: string; id?: string };
  grant?: PlanGrant;
  /** An IdP group mapped to the team (team-idp-group): the provider, the group, the live mapping's id (deletes). */
  idp_group?: { provider_id: string; group: string; id?: string };
  /** Compared fields before and after (users: names; teams: description, labels; system accounts: description). */
  before?: Fields;
  after?: Fields;
  /** `op kind key` of changes that must succeed first. */
  depends_on?: string[];
  /** The live facts this change depends on; `sync --plan` refuses when one no longer holds. */
  preconditions?: Precondition[];
}

/** Where and from what a plan was made: what `sync --plan` checks before applying it. */
export interface PlanOrigin {
  orgdeck_version: string;
  /** ISO time the plan was made. */
  created_at: string;
  /**
   * `GET /v3/organizations/me` of the token that made the plan, and the id of that org's
   * Organization Admin team: an org id can be learnt outside the org, a team id only inside it.
   */
  organization: { id: string; name: string; admin_team_id?: string };
  /** The address template (never the token). */
  konnect_addr: string;
  /** `sha256:` digest of the state files' bytes, in the order read. */
  state_digest: string;
  /** What the plan manages, for its reader; sync --plan re-reads and guards the whole org, whatever this says. */
  scope: PlanScope;
}

export interface PlanScope {
  /** Only these users (unlisted_users: ignore); absent = every user. */
  emails?: string[];
  /** Only custom teams with these labels (select_team_labels); absent = every custom team. */
  team_labels?: Record<string, string>;
  /** false = no custom team is managed (the file has no teams key). */
  custom_teams: boolean;
  /** The file's `_info.guards`, for the reader; sync --plan judges by the defaults, not by these. */
  guards?: { max_percent: number; always_allowed: number };
}

export interface Plan {
  format_version: typeof PLAN_FORMAT_VERSION;
  /** Present in plans diff and sync print or write; what `sync --plan` checks first. */
  origin?: PlanOrigin;
  summary: { create: number; update: number; delete: number };
  /** Why sync would not apply this plan (exit 3), overridable ones included. Empty = sync would apply it. */
  refusals: Refusal[];
  /** In dependency order: the order of LEVELS, then kind, then key. */
  changes: Change[];
  /** Users in the file who were invited and have not accepted yet: not drift. */
  pending: string[];
  /** Pending invitees whose names differ from the file: applied by the first sync after they accept. Absent = none. */
  pending_names?: PendingNames[];
  /** How long each pending user of the file has waited (when Konnect gave the date). Absent = none. */
  invitations?: PendingInvitation[];
  /** What the plan leaves alone on purpose, each said once; renderers show them. Absent = none. */
  notes?: PlanNote[];
  /** Each person whose effective access the plan changes (grants through teams counted). Absent = nobody's. */
  access_changes?: AccessChange[];
}

/** The names the file gives a pending invitee, where they differ from Konnect's (only the fields the file manages). */
export interface PendingNames {
  email: string;
  before: Fields;
  after: Fields;
}

export interface PendingInvitation {
  email: string;
  /** The pending user's created_at. */
  invited_at: string;
  /** Whole days from invited_at to the plan's clock. */
  days: number;
}

/** A difference orgdeck sees and deliberately does not act on, with the reason. Not drift. */
export interface PlanNote {
  /** A stable name for scripts: `idp-membership`. */
  topic: string;
  /** How many differences it covers. */
  count: number;
  /** A sentence with the number, the reason and the way out. */
  message: string;
}

export function changeId(c: Pick<Change, 'op' | 'kind' | 'key'>): string {
  return `${c.op} ${c.kind} ${c.key}`;
}

/** A plan with anything to do: `diff --non-zero-exit-code` exits 2. */
export function hasDrift(plan: Plan): boolean {
  return plan.changes.length > 0;
}
