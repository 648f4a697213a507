/**
 * A change and what the diff says beside it: the vocabulary `src/diff/` produces and
 * `src/plan/` (and `src/apply/`) carry. It lives below both stages so that neither imports the
 * other for it; `src/plan/types.ts` re-exports it for the plan's modules.
 */

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
  /** Why the change is made, where the file alone does not say: "expired on 2027-01-31 (orgdeck.yaml:42:9)". */
  reason?: string;
  /** The live facts this change depends on; `sync --plan` refuses when one no longer holds. */
  preconditions?: Precondition[];
}

export function changeId(c: Pick<Change, 'op' | 'kind' | 'key'>): string {
  return `${c.op} ${c.kind} ${c.key}`;
}

/** Who holds access: a user, a team or a system account. */
export interface Holder {
  kind: 'user' | 'team' | 'system-account';
  /** email, team name or account name */
  key: string;
  id: string;
}

/** A live fact a change depends on; `src/plan/preconditions.ts` says which, and checks them. */
export type Precondition =
  | { fact: 'user-absent'; email: string }
  | { fact: 'user'; email: string; id: string; active?: boolean; fields?: Fields }
  | { fact: 'team-absent'; name: string }
  | { fact: 'team'; name: string; id: string; fields?: Fields }
  | { fact: 'member'; present: boolean; team: { name: string; id: string }; user: { email: string; id: string } }
  | { fact: 'idp-group'; present: boolean; team: { name: string; id: string }; provider_id: string; group: string; id?: string }
  | { fact: 'konnect-owns-membership' }
  | { fact: 'system-account-absent'; name: string }
  | { fact: 'system-account'; name: string; id: string; fields?: Fields }
  | { fact: 'account-member'; present: boolean; team: { name: string; id: string }; system_account: { name: string; id: string } }
  | ({ fact: 'grant'; present: boolean; holder: Holder } & Pick<PlanGrant, 'role' | 'entity_type' | 'entity' | 'entity_id' | 'region' | 'id'>);

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

/** Access the file lets run out within diff's --expiring-within window: a heads-up, not drift. */
export interface ExpiringAccess {
  holder: { kind: Holder['kind']; key: string };
  /** A membership: the team the holder leaves. */
  team?: string;
  /** A grant, as the file writes it. */
  grant?: { role: string; entity_type: string; entity: string; region?: string };
  /** As written. */
  expires: string;
  /** Where the file writes it ("file:line:col"). */
  at?: string;
}
