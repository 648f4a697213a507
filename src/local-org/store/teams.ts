/** Team operations: create (names need not be unique), update, delete, and memberships. */
import { type OrgData, type OrgEnv, type TeamRecord, timestamp } from '../types.js';
import { conflict, invalid, notFound } from './errors.js';
import { checkLabels, mergeLabels } from './labels.js';
import { findBy, groupedBy, inTableOrder, without } from './lookup.js';
import { findSystemAccount } from './system-accounts.js';
import { findUser } from './users.js';

export function findTeam(data: OrgData, id: string): TeamRecord {
  const team = findBy(data.teams, 'id', (t) => t.id, id);
  if (!team) throw notFound('team');
  return team;
}

/** The IDv3 example for PATCH of a predefined team; DELETE and role changes fail the same way (inferred). */
export function assertCustomTeam(team: TeamRecord): void {
  if (team.system_team) throw invalid([{ field: 'teamID', reason: 'system teams cannot be modified' }]);
}

export interface NewTeam {
  name: string;
  description?: string;
  labels?: Record<string, string>;
}

export function createTeam(data: OrgData, env: OrgEnv, input: NewTeam): TeamRecord {
  const now = timestamp(env);
  const team: TeamRecord = {
    id: env.newId(),
    name: input.name,
    description: input.description ?? null,
    system_team: false,
    labels: { ...(input.labels ?? {}) },
    created_at: now,
    updated_at: now,
  };
  data.teams.push(team);
  return team;
}

export interface TeamPatch {
  name?: string;
  description?: string;
  labels?: Record<string, string | null> | null;
}

export function updateTeam(data: OrgData, env: OrgEnv, id: string, patch: TeamPatch): TeamRecord {
  const team = findTeam(data, id);
  assertCustomTeam(team);
  const labels = patch.labels === undefined ? team.labels : mergeLabels(team.labels, patch.labels);
  const problems = checkLabels(labels);
  if (problems.length > 0) throw invalid(problems);
  if (patch.name !== undefined) team.name = patch.name;
  if (patch.description !== undefined) team.description = patch.description;
  team.labels = labels;
  team.updated_at = timestamp(env);
  return team;
}

export function deleteTeam(data: OrgData, id: string): void {
  assertCustomTeam(findTeam(data, id));
  data.teams = without(data.teams, (t) => t.id === id);
  data.team_users = without(data.team_users, (m) => m.team_id === id);
  data.team_system_accounts = data.team_system_accounts.filter((m) => m.team_id !== id);
  data.team_group_mappings = data.team_group_mappings.filter((m) => m.team_id !== id);
  data.assigned_roles = without(data.assigned_roles, (r) => r.principal_kind === 'team' && r.principal_id === id);
}

/** Membership of predefined teams is editable like any other (konnect-api-notes §3). */
export function addTeamUser(data: OrgData, teamId: string, userId: string): void {
  findTeam(data, teamId);
  findUser(data, userId);
  if (membersOf(data, teamId).some((m) => m.user_id === userId)) {
    throw conflict('User is already a member of the team');
  }
  data.team_users.push({ team_id: teamId, user_id: userId });
}

export function removeTeamUser(data: OrgData, teamId: string, userId: string): void {
  findTeam(data, teamId);
  findUser(data, userId);
  const before = data.team_users.length;
  data.team_users = without(data.team_users, (m) => m.team_id === teamId && m.user_id === userId);
  if (data.team_users.length === before) throw notFound('team membership');
}

export function addTeamSystemAccount(data: OrgData, teamId: string, accountId: string): void {
  findTeam(data, teamId);
  findSystemAccount(data, accountId);
  if (data.team_system_accounts.some((m) => m.team_id === teamId && m.account_id === accountId)) {
    throw conflict('System account is already a member of the team');
  }
  data.team_system_accounts.push({ team_id: teamId, account_id: accountId });
}

export function removeTeamSystemAccount(data: OrgData, teamId: string, accountId: string): void {
  findTeam(data, teamId);
  findSystemAccount(data, accountId);
  const before = data.team_system_accounts.length;
  data.team_system_accounts = data.team_system_accounts.filter(
    (m) => !(m.team_id === teamId && m.account_id === accountId),
  );
  if (data.team_system_accounts.length === before) throw notFound('team membership');
}

export function teamsOfUser(data: OrgData, userId: string): TeamRecord[] {
  const memberships = groupedBy(data.team_users, 'user_id', (m) => m.user_id).get(userId) ?? [];
  return inTableOrder(data.teams, memberships.map((m) => m.team_id));
}

export function teamsOfSystemAccount(data: OrgData, accountId: string): TeamRecord[] {
  const ids = new Set(data.team_system_accounts.filter((m) => m.account_id === accountId).map((m) => m.team_id));
  return data.teams.filter((t) => ids.has(t.id));
}

/** A team's user memberships, in the order they were made. */
export function membersOf(data: OrgData, teamId: string): readonly { team_id: string; user_id: string }[] {
  return groupedBy(data.team_users, 'team_id', (m) => m.team_id).get(teamId) ?? [];
}
