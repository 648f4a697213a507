/**
 * Who the report covers, each with what collectAccess needs: from the organization as read
 * (ids, status, live teams) or from state files (the file's teams and grants, no ids).
 */
import type { Principal } from '../explain/access.js';
import type { LiveState, LiveTeam } from '../live.js';
import type { DesiredState } from '../model.js';
import type { PrincipalType } from './model.js';

export interface Subject {
  type: PrincipalType;
  name: string;
  id: string | null;
  status: 'active' | 'pending' | null;
  /** Pending users read from the org: when they were invited. */
  invitedAt?: string;
  principal: Principal;
}

export type LiveView = Pick<LiveState, 'users' | 'teams' | 'systemAccounts' | 'entities' | 'organization' | 'idpOwnsMembership'>;

/** What the report is built from: the organization as read, or the state files. */
export type ReportInput = {
  /** ms since the epoch: ages and expiry are measured from here. */
  now: number;
  expiringWithinDays: number;
} & ({ live: LiveView; desired?: undefined } | { desired: DesiredState; live?: undefined });

/** Everyone the org lists: orgdeck manages nobody here, so each holds exactly what it holds today. */
export function subjectsOfLive(live: LiveView): Subject[] {
  const byId = new Map(live.teams.map((t) => [t.id, t]));
  const byMember = new Map<string, LiveTeam[]>();
  for (const t of live.teams) for (const id of t.memberIds) (byMember.get(id) ?? byMember.set(id, []).get(id)!).push(t);
  const users = live.users.map<Subject>((u) => ({
    type: 'user',
    name: u.email,
    id: u.id,
    status: u.active ? 'active' : 'pending',
    ...(u.invitedAt ? { invitedAt: u.invitedAt } : {}),
    principal: { holder: u.email, managed: false, liveRoles: u.roles, liveTeams: byMember.get(u.id) ?? [] },
  }));
  const accounts = (live.systemAccounts ?? []).map<Subject>((a) => ({
    type: 'system_account',
    name: a.name,
    id: a.id,
    status: null,
    principal: { holder: `system account ${a.name}`, managed: false, liveRoles: a.roles, liveTeams: a.teamIds.flatMap((id) => byId.get(id) ?? []) },
  }));
  return [...users, ...accounts];
}

/** Everyone the files list, holding what the files give them. */
export function subjectsOfFile(desired: DesiredState): Subject[] {
  const users = desired.users.map<Subject>((u) => ({
    type: 'user',
    name: u.email,
    id: null,
    status: u.status ?? null,
    principal: { holder: u.email, managed: true, liveRoles: [], liveTeams: [], fileRoles: u.roles, fileTeams: u.teams, teamsAt: u.teamsAt, teamExpiry: u.teamExpiry },
  }));
  const accounts = (desired.systemAccounts ?? []).map<Subject>((a) => ({
    type: 'system_account',
    name: a.name,
    id: null,
    status: null,
    principal: { holder: `system account ${a.name}`, managed: true, liveRoles: [], liveTeams: [], fileRoles: a.roles, fileTeams: a.teams, teamsAt: a.teamsAt, teamExpiry: a.teamExpiry },
  }));
  return [...users, ...accounts];
}
