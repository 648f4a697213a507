/** Builders for states: each test states only what differs. */
import type { LiveState, LiveSystemAccount, LiveTeam, LiveUser } from '../../src/live.js';
import type { DesiredState, DesiredSystemAccount, DesiredTeam, DesiredUser } from '../../src/model.js';

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

export function liveUser(email: string, extra: Partial<LiveUser> = {}): LiveUser {
  return { id: id(), email, active: true, roles: [], ...extra };
}

export function liveTeam(name: string, extra: Partial<LiveTeam> = {}): LiveTeam {
  return { id: id(), name, description: null, labels: {}, system: false, inScope: true, memberIds: [], roles: [], ...extra };
}

export function liveState(users: LiveUser[], teams: LiveTeam[] = [], me = users[0]!): LiveState {
  const admins = liveTeam('Organization Admin', { system: true, memberIds: [me.id] });
  const hasAdmins = teams.some((t) => t.name === 'Organization Admin');
  return { me: { id: me.id, email: me.email }, users, teams: hasAdmins ? teams : [admins, ...teams], entities: [] };
}

export function desiredUser(email: string, extra: Partial<DesiredUser> = {}): DesiredUser {
  return { email, teams: [], roles: [], ...extra };
}

export function desiredTeam(name: string, extra: Partial<DesiredTeam> = {}): DesiredTeam {
  return { name, roles: [], ...extra };
}

export function desiredState(users: DesiredUser[], teams: DesiredTeam[] = [], info: Partial<DesiredState['info']> = {}): DesiredState {
  return { info: { unlistedUsers: 'remove', manageTeams: true, ...info }, users, teams };
}

export function liveAccount(name: string, extra: Partial<LiveSystemAccount> = {}): LiveSystemAccount {
  return { id: id(), name, description: `${name} account`, konnectManaged: false, teamIds: [], roles: [], ...extra };
}

export function desiredAccount(name: string, extra: Partial<DesiredSystemAccount> = {}): DesiredSystemAccount {
  return { name, description: `${name} account`, teams: [], roles: [], ...extra };
}
