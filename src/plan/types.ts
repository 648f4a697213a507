/**
 * The plan: a serializable value that `diff` renders and `sync` executes. Its JSON form is
 * versioned and described by schemas/plan.schema.json. The changes it is made of are defined in
 * src/change.ts, below the diff that makes them; they are re-exported here for the plan's modules.
 */
import type { Change, ExpiringAccess, PendingInvitation, PendingNames, PlanGrant, PlanNote } from '../change.js';

export { changeId } from '../change.js';
export type { Change, ExpiringAccess, Fields, Kind, Op, PendingInvitation, PendingNames, PlanGrant, PlanNote, Precondition } from '../change.js';

/** 2.0: refusals are part of the plan. */
export const PLAN_FORMAT_VERSION = '2.0';

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

/** How a plan made with `diff --base` read the organization (src/plan/targeting.ts words it). */
export interface PlanTargeting {
  /** The base as given: a git revision or a path. */
  base: string;
  /** targeted: only the touched set was read; full: the whole organization, for `reason`. */
  read: 'targeted' | 'full';
  people?: string[];
  teams?: string[];
  system_accounts?: string[];
  reason?: string;
  /** The sentence text and markdown print. */
  message: string;
}

export interface Plan {
  format_version: typeof PLAN_FORMAT_VERSION;
  /** Present in plans diff and sync print or write; what `sync --plan` checks first. */
  origin?: PlanOrigin;
  /** Present in plans made with `diff --base`. */
  targeting?: PlanTargeting;
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
  /** Access the file lets run out soon (diff --expiring-within), soonest first: not drift. Absent = none. */
  expiring?: ExpiringAccess[];
  /** What the plan leaves alone on purpose, each said once; renderers show them. Absent = none. */
  notes?: PlanNote[];
  /** Each person whose effective access the plan changes (grants through teams counted). Absent = nobody's. */
  access_changes?: AccessChange[];
}

/** A reason sync would not apply a plan: a value, so plans and every rendering can carry it. */
export interface Refusal {
  /** Which guard: a stable name for scripts (`mass-deletion`, `lock-out`, ...). */
  guard: string;
  /** A sentence with the numbers and the way out. */
  message: string;
  /** true when --force overrides it. */
  overridable: boolean;
}

export interface Principal {
  kind: 'user' | 'system-account';
  /** email for users, name for system accounts */
  key: string;
}

/** One piece of access: membership of a team, or a role (with every way it is held). */
export type Access = { kind: 'team'; team: string } | { kind: 'grant'; grant: Omit<PlanGrant, 'id'>; via: string[] };

/** A principal's effective access before and after the plan (src/plan/access-changes.ts computes it). */
export interface AccessChange {
  principal: Principal;
  /** invited by this plan / removed from the organization by it */
  status?: 'invited' | 'removed';
  gained: Access[];
  lost: Access[];
}

/** A plan with anything to do: `diff --non-zero-exit-code` exits 2. */
export function hasDrift(plan: Plan): boolean {
  return plan.changes.length > 0;
}
