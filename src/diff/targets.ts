/**
 * Targeted plans (`diff --base`): which principals and teams a change of the state file touches,
 * from the file at a base and the file at head. Pure. A principal is touched when its declaration
 * differs in any compared way (where the file wrote it does not count: a line added above moves
 * every `at`). A person who appears or goes (an email changed is both) is touched, so is a team
 * declared, changed or removed; a grant moved from a user to a team touches both holders.
 */
import type { Change } from '../change.js';
import type { DesiredState, DesiredSystemAccount, DesiredTeam, DesiredUser, Expiry, Grant } from '../model.js';

/**
 * Past this many touched people, teams and system accounts together the plan reads the whole
 * organization. Each person costs three requests and each team two: 200 of them cost about 600,
 * a twentieth of a full read of a 10,000-user org; a change broader than that deserves a full
 * look. (A targeted read that would cost more than the full read of a small org falls back too:
 * src/konnect/fetch-targeted.ts compares the two once it knows the org's size.)
 */
export const MAX_TARGETS = 200;

export interface Targets {
  /** Lower-cased emails. */
  emails: ReadonlySet<string>;
  /** Custom team names. */
  teams: ReadonlySet<string>;
  /** System account names. */
  accounts: ReadonlySet<string>;
}

/** Either what to read, or one sentence saying why the whole organization is read instead. */
export type Targeting = { targets: Targets } | { fullRead: string };

export function findTargets(base: DesiredState, head: DesiredState): Targeting {
  if ((base.systemAccounts === undefined) !== (head.systemAccounts === undefined)) {
    return { fullRead: 'the file starts or stops managing system accounts (the system_accounts key), which reaches every account' };
  }
  if (declared(base.info) !== declared(head.info)) {
    return { fullRead: 'the file\'s _info changed (the scope, the guards or a default), which can reach anyone in the organization' };
  }
  const emails = changedKeys(base.users, head.users, (u: DesiredUser) => u.email);
  const teams = changedKeys(base.teams, head.teams, (t: DesiredTeam) => t.name);
  const accounts = changedKeys(base.systemAccounts ?? [], head.systemAccounts ?? [], (a: DesiredSystemAccount) => a.name);
  // A changed team reaches the system accounts the file puts in it: their memberships are read per account.
  for (const a of [...(base.systemAccounts ?? []), ...(head.systemAccounts ?? [])]) if (a.teams.some((t) => teams.has(t))) accounts.add(a.name);
  const count = emails.size + teams.size + accounts.size;
  if (count > MAX_TARGETS) {
    return { fullRead: `the change touches ${count} people, teams and system accounts, more than ${MAX_TARGETS} (a change that broad deserves a look at the whole organization)` };
  }
  return { targets: { emails, teams, accounts } };
}

/** Keys present on one side only, or declared differently on the two. */
function changedKeys<T>(base: readonly T[], head: readonly T[], keyOf: (x: T) => string): Set<string> {
  const before = new Map(base.map((x) => [keyOf(x), declared(x)]));
  const out = new Set<string>();
  for (const x of head) {
    const key = keyOf(x);
    if (before.get(key) !== declared(x)) out.add(key);
    before.delete(key);
  }
  for (const key of before.keys()) out.add(key);
  return out;
}

/** The declaration without where it was written, with keys in one order: equal text = equal declaration. */
function declared(x: unknown): string {
  return canonical(withoutPlaces(x));
}

/** JSON with every object's keys sorted, written directly: a replacer that rebuilds each object cost more than the rest of the comparison. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const parts: string[] = [];
  for (const k of Object.keys(v).sort()) {
    const value = (v as Record<string, unknown>)[k];
    if (value !== undefined && typeof value !== 'function') parts.push(`${JSON.stringify(k)}:${canonical(value)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The places the loader records (`teamsAt`, a grant's and an expiry's `at`) dropped, and only
 * those: a label or a name that happens to be called "at" is part of the declaration.
 */
function withoutPlaces(x: unknown): unknown {
  if (!x || typeof x !== 'object') return x;
  const { roles, teamExpiry } = x as { roles?: Grant[]; teamExpiry?: Record<string, Expiry> };
  return {
    ...ownWithout(x, ['teamsAt', 'roles', 'teamExpiry']),
    ...(roles ? { roles: roles.map((g) => ({ ...ownWithout(g, ['at', 'expires']), ...(g.expires ? { expires: g.expires.on } : {}) })) } : {}),
    ...(teamExpiry ? { teamExpiry: Object.fromEntries(Object.entries(teamExpiry).map(([team, e]) => [team, e.on])) } : {}),
  };
}

/**
 * The object's own keys but these. Never read through `x.at` or `x.teamsAt`: a state read from a
 * file works its places out on first read with a full YAML parse (file/placed.ts), seconds on
 * org-10k, and a comparison needs none of them.
 */
function ownWithout(x: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(x).filter(([k]) => !keys.includes(k)));
}

/**
 * The desired state the diff sees in a targeted plan: touched principals as declared; people of
 * the file who are only members of a touched team (`members`) with that membership alone and no
 * grants; every declared team, but untouched ones without grants or IdP groups (neither is read
 * for them). Changes the diff finds beyond the touched set are dropped by `keepTouched`.
 */
export function restrictDesired(head: DesiredState, targets: Targets, members: ReadonlySet<string>): DesiredState {
  const users: DesiredUser[] = [];
  for (const u of head.users) {
    if (targets.emails.has(u.email)) users.push(u);
    else if (members.has(u.email)) users.push({ ...u, teams: u.teams.filter((t) => targets.teams.has(t)), roles: [] });
  }
  const teams = head.teams.map((t) => (targets.teams.has(t.name) ? t : { ...t, roles: [], idpGroups: undefined }));
  const systemAccounts = head.systemAccounts?.filter((a) => targets.accounts.has(a.name));
  return { info: head.info, users, teams, ...(systemAccounts ? { systemAccounts } : {}) };
}

/** Whether a change belongs to the touched set: its person, team or system account is a target. */
export function isTouched(c: Change, targets: Targets): boolean {
  return (c.user !== undefined && targets.emails.has(c.user.email)) || (c.team !== undefined && targets.teams.has(c.team.name)) || (c.system_account !== undefined && targets.accounts.has(c.system_account.name));
}

/**
 * The touched changes, and the changes they depend on (a team the file declares and the org
 * lacks, which a touched person joins): a plan without them could not be applied.
 */
export function keepTouched(changes: readonly Change[], targets: Targets): Change[] {
  const byId = new Map(changes.map((c) => [`${c.op} ${c.kind} ${c.key}`, c]));
  const kept = new Set(changes.filter((c) => isTouched(c, targets)));
  const queue = [...kept];
  while (queue.length > 0) {
    for (const id of queue.pop()!.depends_on ?? []) {
      const dep = byId.get(id);
      if (dep && !kept.has(dep)) {
        kept.add(dep);
        queue.push(dep);
      }
    }
  }
  return changes.filter((c) => kept.has(c));
}
