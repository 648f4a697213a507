/**
 * Live org → state file text, in the format the loader reads back: sorted (users by email,
 * teams by name, grants by entity type, entity, region, role), predefined teams only as
 * membership references, entity names when they resolve and ids when they do not. System
 * accounts Konnect manages are listed with a comment saying orgdeck leaves them alone.
 */
import { emitYaml } from './emit-yaml.js';
import { displayEntity, type EntityIndex, indexEntities } from '../resolve.js';
import type { LiveGrant, LiveState, LiveSystemAccount, LiveTeam, LiveUser } from '../live.js';

export function serializeLive(live: LiveState, header = '', info: Record<string, unknown> = {}): string {
  const { system_accounts: accounts, ...doc } = dumpDocument(live, info);
  return header + emitYaml(doc) + (accounts ? accountsYaml(accounts) : '');
}

/**
 * What serializeLive writes, as plain data: each value exactly as Konnect holds it. `info` is
 * added to `_info` (a scope the dump was limited to).
 */
export function dumpDocument(live: LiveState, info: Record<string, unknown> = {}): { system_accounts?: Record<string, unknown>[] } & Record<string, unknown> {
  const entities = indexEntities(live.entities);
  const teamNamesOf = teamNamesByMember(live.teams);
  const teams = live.teams
    .filter((t) => !t.system && t.inScope)
    .sort((a, b) => cmp(a.name, b.name))
    .map((t) => dumpTeam(t, entities));
  const users = [...live.users].sort((a, b) => cmp(a.email, b.email)).map((u) => dumpUser(u, teamNamesOf.get(u.id) ?? [], entities));
  // With several providers, the file must say whose mappings idp_groups are.
  const provider = live.idp?.selected && live.idp.providers.length > 1 ? { identity_provider: live.idp.selected.loginPath || live.idp.selected.id } : {};
  const all = { ...provider, ...info };
  const teamName = new Map(live.teams.map((t) => [t.id, t.name]));
  const accounts = [...(live.systemAccounts ?? [])].sort((a, b) => cmp(a.name, b.name)).map((a) => dumpSystemAccount(a, teamName, entities));
  return { _format_version: '1.0', ...(Object.keys(all).length ? { _info: all } : {}), ...(teams.length ? { teams } : {}), ...(users.length ? { users } : {}), ...(accounts.length ? { system_accounts: accounts } : {}) };
}

/** The names of the (read) teams each member id belongs to, without repeats. */
export function teamNamesByMember(teams: readonly LiveTeam[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const t of teams) {
    for (const id of t.memberIds) names.set(id, [...new Set([...(names.get(id) ?? []), t.name])]);
  }
  return names;
}

export function dumpTeam(t: LiveTeam, entities: EntityIndex): Record<string, unknown> {
  return {
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    ...(Object.keys(t.labels).length ? { labels: sortKeys(t.labels) } : {}),
    ...grants(t.roles, entities),
    ...(t.idpGroups?.length ? { idp_groups: t.idpGroups.map((m) => m.group).sort(cmp) } : {}),
  };
}

export function dumpUser(u: LiveUser, teams: readonly string[], entities: EntityIndex): Record<string, unknown> {
  return {
    email: u.email,
    ...(u.fullName ? { full_name: u.fullName } : {}),
    ...(u.preferredName ? { preferred_name: u.preferredName } : {}),
    status: u.active ? 'active' : 'pending',
    ...(!u.active && u.invitedAt ? { invited_at: u.invitedAt } : {}),
    // Always written, [] too: a user listed without teams reads as a mistake (validate warns), and a dump is not one.
    teams: [...teams].sort(cmp),
    ...grants(u.roles, entities),
  };
}

/** `system_accounts:` last, each Konnect-managed account preceded by a comment saying so. */
function accountsYaml(accounts: readonly Record<string, unknown>[]): string {
  let item = -1;
  const comment = '  # Managed by Konnect: orgdeck never changes or deletes this account.';
  return emitYaml({ system_accounts: accounts })
    .split('\n')
    .flatMap((line) => (line.startsWith('  - ') && accounts[++item]?.konnect_managed ? [comment, line] : [line]))
    .join('\n');
}

export function dumpSystemAccount(a: LiveSystemAccount, teamName: ReadonlyMap<string, string>, entities: EntityIndex): Record<string, unknown> {
  const teams = [...new Set(a.teamIds.map((id) => teamName.get(id)).filter((n): n is string => n !== undefined))].sort(cmp);
  return {
    name: a.name,
    ...(a.description ? { description: a.description } : {}),
    ...(a.konnectManaged ? { konnect_managed: true } : {}),
    ...(teams.length ? { teams } : {}),
    ...grants(a.roles, entities),
  };
}

/** A live grant as the file writes it. */
export function grantRecord(g: LiveGrant, entities: EntityIndex): { role: string; entity_type: string; entity: string; region: string } {
  return { role: g.role, entity_type: g.entityType, entity: displayEntity(g.entityType, g.entityId, g.region, entities), region: g.region };
}

function grants(roles: readonly LiveGrant[], entities: EntityIndex): { roles?: object[] } {
  if (roles.length === 0) return {};
  return { roles: sortGrantRecords(roles.map((g) => grantRecord(g, entities))) };
}

/** Grants in dump order: entity type, entity, region, role. */
export function sortGrantRecords<T extends { role: string; entity_type: string; entity: string; region: string }>(list: T[]): T[] {
  return list.sort((a, b) => cmp(a.entity_type, b.entity_type) || cmp(a.entity, b.entity) || cmp(a.region, b.region) || cmp(a.role, b.role));
}

function sortKeys(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => cmp(a, b)));
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
