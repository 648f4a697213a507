/** Indexes over desired and live state that every part of the diff shares. */
import type { LiveState, LiveSystemAccount, LiveTeam, LiveUser } from '../live.js';
import type { DesiredState } from '../model.js';
import type { Change } from '../change.js';
import { type EntityIndex, indexEntities } from '../resolve.js';
import { liveTeamsByName } from '../teams.js';

export interface DiffContext {
  desired: DesiredState;
  live: LiveState;
  /** The live entities, indexed once for every grant the diff resolves. */
  entities: EntityIndex;
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
  /** Live system accounts orgdeck manages (not Konnect's own), by name. */
  liveAccounts: Map<string, LiveSystemAccount>;
  deletedAccounts: Set<string>;
  /** Changes the file asks of accounts Konnect manages: never planned, only counted in a note. */
  leftToKonnect: Change[];
  /** Teams and accounts the plan renames (renames.ts), new name → old name; `live` has them renamed already. */
  renamedTeams: ReadonlyMap<string, string>;
  renamedAccounts: ReadonlyMap<string, string>;
  /** The clock access expires against (ms); undefined = no clock given, so nothing expires. */
  now: number | undefined;
}

export function buildContext(desired: DesiredState, live: LiveState, renamed: Pick<DiffContext, 'renamedTeams' | 'renamedAccounts'> = { renamedTeams: new Map(), renamedAccounts: new Map() }, now?: number): DiffContext {
  const ctx: DiffContext = {
    ...renamed,
    desired,
    live,
    entities: indexEntities(live.entities),
    liveUsers: new Map(live.users.map((u) => [u.email, u])),
    liveUsersById: new Map(live.users.map((u) => [u.id, u])),
    desiredEmails: new Set(desired.users.map((u) => u.email)),
    managedTeams: new Map(),
    systemTeams: new Map(),
    changes: [],
    problems: [],
    deletedUsers: new Set(),
    deletedTeams: new Set(),
    liveAccounts: new Map((live.systemAccounts ?? []).filter((a) => !a.konnectManaged).map((a) => [a.name, a])),
    deletedAccounts: new Set(),
    leftToKonnect: [],
    now,
  };
  const byName = liveTeamsByName(live.teams);
  ctx.systemTeams = byName.system;
  // A name held by several teams is planned against the first and refused (plan/refusals.ts).
  for (const [name, teams] of byName.managed) ctx.managedTeams.set(name, teams[0]!);
  return ctx;
}

/** Emails whose access orgdeck manages: everyone listed, and with unlisted_users: remove, everyone. */
export function userInScope(ctx: DiffContext, email: string): boolean {
  return ctx.desired.info.unlistedUsers === 'remove' || ctx.desiredEmails.has(email);
}
