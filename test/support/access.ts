/** Who holds what in a local org snapshot, as comparable strings (by names, not ids). */
import type { OrgData } from '../../src/local-org/index.js';

export function accessOf(data: OrgData): Set<string> {
  const email = new Map(data.users.map((u) => [u.id, u.email.toLowerCase()]));
  const team = new Map(data.teams.map((t) => [t.id, t.name]));
  const out = new Set<string>();
  for (const m of data.team_users) out.add(`member ${team.get(m.team_id)}/${email.get(m.user_id)}`);
  for (const r of data.assigned_roles) {
    const owner = r.principal_kind === 'user' ? `user ${email.get(r.principal_id)}` : r.principal_kind === 'team' ? `team ${team.get(r.principal_id)}` : undefined;
    if (owner) out.add(`role ${owner}/${r.role_name}/${r.entity_type_name}/${r.entity_id}/${r.entity_region}`);
  }
  return out;
}

export function usersOf(data: OrgData): string[] {
  return data.users.map((u) => u.email.toLowerCase()).sort();
}

/** Access in `now` that is in neither `a` nor `b`. */
export function outside(now: Set<string>, a: Set<string>, b: Set<string>): string[] {
  return [...now].filter((x) => !a.has(x) && !b.has(x));
}

export function duplicateInvites(data: OrgData): string[] {
  const seen = new Map<string, number>();
  for (const i of data.invitations_sent ?? []) seen.set(i.email, (seen.get(i.email) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([e]) => e);
}
