/** Indexes over desired and live state that every part of the diff shares. */
import type { LiveState, LiveTeam, LiveUser } from '../live.js';
import type { DesiredState } from '../model.js';
import type { Change } from '../plan/types.js';

export interface DiffContext {
  desired: DesiredState;
  live: LiveState;
  liveUsers: Map<string, LiveUser>;
  liveUsersById: Map<string, LiveUser>;
  desiredEmails: Set<string>;
  /** Custom teams orgdeck manages, by name (duplicates are a problem, reported). */
  managedTeams: Map<string, LiveTeam>;
  systemTeams: Map<string, LiveTeam>;
  changes: Change[];
  problems: string[];
  /** Owners being deleted: their memberships and grants go with them. */
  deletedUsers: Set<string>;
  deletedTeams: Set<string>;
}

export function buildContext(desired: DesiredState, live: LiveState): DiffContext {
  const ctx: DiffContext = {
    desired,
    live,
    liveUsers: new Map(live.users.map((u) => [u.email, u])),
    liveUsersById: new Map(live.users.map((u) => [u.id, u])),
    desiredEmails: new Set(desired.users.map((u) => u.email)),
    managedTeams: new Map(),
    systemTeams: new Map(),
    changes: [],
    problems: [],
    deletedUsers: new Set(),
    deletedTeams: new Set(),
  };
  const byName = new Map<string, LiveTeam[]>();
  for (const t of live.teams) {
    if (t.system) ctx.systemTeams.set(t.name, t);
    else if (t.inScope) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  }
  // A name held by several teams is planned against the first and refused (plan/refusals.ts).
  for (const [name, teams] of byName) ctx.managedTeams.set(name, teams[0]!);
  return ctx;
}

/** Emails whose access orgdeck manages: everyone listed, and with unlisted_users: remove, everyone. */
export function userInScope(ctx: DiffContext, email: string): boolean {
  return ctx.desired.info.unlistedUsers === 'remove' || ctx.desiredEmails.has(email);
}
