/**
 * Before a saved plan is applied: which of its preconditions no longer hold in the live org.
 * Each broken fact is said once, naming what moved and the first change that depended on it.
 */
import type { LiveState } from '../live.js';
import { describeChange } from './describe.js';
import { type LiveIndex, indexLive, liveFields, sameValue } from './live-index.js';
import { checkMapping, checkMembershipOwner } from './moved-idp.js';
import { type Precondition, preconditionsOf } from './preconditions.js';
import { type Rename, renamesIn } from './renamed-live.js';
import type { Change, Fields, Plan } from './types.js';

export function movedFacts(plan: Plan, live: LiveState): string[] {
  const index: Index = { ...indexLive(live), renames: renamesIn(plan) };
  const broken = new Map<string, Change[]>();
  const add = (why: string | undefined, c: Change) => {
    // Two facts of one change can break for one reason (its team, and its membership of that team).
    if (why && !broken.get(why)?.includes(c)) broken.set(why, [...(broken.get(why) ?? []), c]);
  };
  for (const c of plan.changes) {
    for (const fact of factsOf(c)) add(check(fact, index), c);
    if (c.kind === 'invite' && plan.origin) add(sentSince(c, plan.origin.created_at, index), c);
  }
  return [...broken].map(([why, changes]) => {
    const more = changes.length > 1 ? ` and ${changes.length - 1} more ${changes.length === 2 ? 'change' : 'changes'}` : '';
    return `${why} (the plan's "${describeChange(changes[0]!)}"${more} depended on it)`;
  });
}

/** What the change implies, plus anything written into the plan by hand. */
function factsOf(c: Change): Precondition[] {
  const seen = new Set<string>();
  return [...preconditionsOf(c), ...(c.preconditions ?? [])].filter((f) => {
    const k = JSON.stringify(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The live org, and the teams and accounts the plan renames, by id. */
type Index = LiveIndex & { renames: ReturnType<typeof renamesIn> };

/**
 * Whether a fact's name is the entity's live name, or the name this plan renames it to: a change
 * on a renamed team or account names it by its new name, live only once the rename is applied.
 */
function sameName(renames: ReadonlyMap<string, Rename>, id: string, live: string, named: string): boolean {
  const r = renames.get(id);
  return live === named || (r?.from === live && r.to === named);
}

/**
 * A resend waits for nobody: re-applying a plan would send the invitation again. A pending user
 * changed after the plan was made (Konnect moves updated_at when it sends an invitation) may
 * already have been sent it, by this plan or by hand.
 */
function sentSince(c: Change, madeAt: string, ix: Index): string | undefined {
  const u = c.user?.id ? ix.usersById.get(c.user.id) : undefined;
  const last = Math.max(Date.parse(u?.invitedAt ?? ''), Date.parse(u?.changedAt ?? '')) || 0;
  if (!u || u.active || last <= Date.parse(madeAt)) return undefined;
  return `${u.email}'s pending invitation changed at ${new Date(last).toISOString()}, after the plan was made: an invitation may have been sent since, and is not sent again`;
}

function check(f: Precondition, ix: Index): string | undefined {
  switch (f.fact) {
    case 'user-absent': {
      const u = ix.usersByEmail.get(f.email.toLowerCase());
      return u ? `${f.email} exists in Konnect now (id ${u.id}, ${u.active ? 'active' : 'invited'})` : undefined;
    }
    case 'user': {
      const u = ix.usersById.get(f.id);
      if (!u) return `user ${f.email} (id ${f.id}) no longer exists`;
      if (u.email !== f.email.toLowerCase()) return `user ${f.id} is now ${u.email}, not ${f.email}`;
      if (f.active !== undefined && u.active !== f.active) return `${f.email} ${u.active ? 'has accepted the invite since' : 'is pending again'}`;
      return fieldsMoved(`${f.email}'s`, f.fields, liveFields.user(u));
    }
    case 'team-absent': {
      const t = ix.teamsByName.get(f.name);
      return t ? `a team named "${f.name}" exists in Konnect now (id ${t.id})` : undefined;
    }
    case 'team': {
      const t = ix.teamsById.get(f.id);
      if (!t) return `team "${f.name}" (id ${f.id}) was deleted`;
      if (!sameName(ix.renames.teams, t.id, t.name, f.name)) return `team "${f.name}" (id ${f.id}) was renamed to "${t.name}"`;
      return fieldsMoved(`team "${f.name}"'s`, f.fields, liveFields.team(t));
    }
    case 'member': {
      const t = ix.teamsById.get(f.team.id);
      if (!t) return `team "${f.team.name}" (id ${f.team.id}) was deleted`;
      if (!t.inScope) return `team "${f.team.name}" is outside the plan's scope, so its members cannot be checked`;
      const is = t.memberIds.includes(f.user.id);
      if (is === f.present) return undefined;
      return f.present ? `${f.user.email} is no longer a member of "${f.team.name}"` : `${f.user.email} is a member of "${f.team.name}" already`;
    }
    case 'idp-group':
      return checkMapping(f, ix);
    case 'konnect-owns-membership':
      return checkMembershipOwner(ix);
    case 'system-account-absent': {
      if (!ix.accounts) return NO_ACCOUNTS;
      const a = ix.accounts.byName.get(f.name);
      return a ? `a system account named "${f.name}" exists in Konnect now (id ${a.id})` : undefined;
    }
    case 'system-account': {
      if (!ix.accounts) return NO_ACCOUNTS;
      const a = ix.accounts.byId.get(f.id);
      if (!a) return `system account "${f.name}" (id ${f.id}) no longer exists`;
      if (!sameName(ix.renames.accounts, a.id, a.name, f.name)) return `system account "${f.name}" (id ${f.id}) was renamed to "${a.name}"`;
      return fieldsMoved(`system account "${f.name}"'s`, f.fields, liveFields.account(a));
    }
    case 'account-member': {
      const a = ix.accounts?.byId.get(f.system_account.id);
      const t = ix.teamsById.get(f.team.id);
      if (!a || !t) return a ? `team "${f.team.name}" (id ${f.team.id}) was deleted` : ix.accounts ? `system account "${f.system_account.name}" (id ${f.system_account.id}) no longer exists` : NO_ACCOUNTS;
      if (a.teamIds.includes(t.id) === f.present) return undefined;
      return f.present ? `system account "${a.name}" is no longer a member of "${t.name}"` : `system account "${a.name}" is a member of "${t.name}" already`;
    }
    case 'grant': {
      const holder = f.holder.kind === 'user' ? ix.usersById.get(f.holder.id) : f.holder.kind === 'team' ? ix.teamsById.get(f.holder.id) : ix.accounts?.byId.get(f.holder.id);
      if (!holder) return f.holder.kind === 'system-account' && !ix.accounts ? NO_ACCOUNTS : `${f.holder.kind.replace('-', ' ')} ${f.holder.key} (id ${f.holder.id}) no longer exists`;
      const what = `${f.role} on ${f.entity_type} ${f.entity} (${f.region})`;
      const who = `${f.holder.kind === 'system-account' ? 'system account' : f.holder.kind} ${f.holder.key}`;
      const held = holder.roles.some((g) => (f.id ? g.id === f.id : g.role === f.role && g.entityType === f.entity_type && g.entityId === f.entity_id && g.region === f.region));
      if (held === f.present) return undefined;
      return f.present ? `${who} no longer holds ${what}: the grant to revoke is gone` : `${who} holds ${what} already`;
    }
  }
}

const NO_ACCOUNTS = 'the plan changes system accounts, which were not read again';

function fieldsMoved(whose: string, expected: Fields | undefined, now: Fields): string | undefined {
  for (const [field, was] of Object.entries(expected ?? {})) {
    if (!(field in now) || sameValue(was, now[field])) continue;
    return `${whose} ${field} is now ${JSON.stringify(now[field] ?? null)}, not ${JSON.stringify(was ?? null)} as when the plan was made`;
  }
  return undefined;
}
