/** The report's team view and its summary: counts, admins, pending invitations, loose ends. */
import { type AccessContext, collectAccess, type Principal } from '../explain/access.js';
import { PREDEFINED_TEAMS } from '../model.js';
import { ADMIN_FLAGS, type Report, type ReportRow, type ReportTeam, type RowFlag, type TokenCounts } from './model.js';
import type { ReportInput, Subject } from './principals.js';
import { daysBetween } from '../diff/invitations.js';

/** What rows need to know of teams: their IdP groups (by id when read from the org, else by name). */
export interface TeamFacts {
  idpGroups: ReadonlyMap<string, string[]>;
  idpOwnsMembership: boolean;
}

/** Every team with its grants, read as a member would hold them, and its member count. */
export function teamsOf(input: ReportInput, ctx: AccessContext, facts: TeamFacts, rows: readonly ReportRow[]): ReportTeam[] {
  // An expired membership makes nobody a member: a team whose memberships have all expired is empty.
  const members = new Map<string, number>();
  for (const r of rows) if (r.access === 'membership' && !r.flags.includes('expired')) members.set(r.team_id ?? r.team!, (members.get(r.team_id ?? r.team!) ?? 0) + 1);
  const team = (name: string, id: string | null, predefined: boolean, p: Principal): ReportTeam => ({
    name,
    id,
    predefined,
    members: members.get(id ?? name) ?? 0,
    idp_groups: facts.idpGroups.get(id ?? name) ?? [],
    grants: collectAccess(p, ctx).held.flatMap(({ entry: e, entityId, expires }) =>
      e.role === null ? [] : [{ role: e.role, entity_type: e.entity_type!, entity: e.entity!, entity_id: entityId, region: e.region, expires: expires?.on ?? null }],
    ),
  });
  const none = { liveRoles: [], liveTeams: [] };
  if (input.live) return input.live.teams.map((t) => team(t.name, t.id, t.system, { ...none, holder: `team ${t.name}`, managed: false, liveTeams: [t] }));
  const names = [...new Set([...input.desired.teams.map((t) => t.name), ...rows.flatMap((r) => (r.access === 'membership' ? [r.team!] : []))])];
  return names.map((name) => team(name, null, PREDEFINED_TEAMS.includes(name), { ...none, holder: `team ${name}`, managed: true, fileRoles: [], fileTeams: [name] }));
}

type Summary = Pick<Report, 'admins' | 'pending_invitations' | 'empty_teams' | 'unassigned' | 'teams' | 'rows'> & { summary: Omit<Report['summary'], keyof TokenCounts> };

export function summarize(subjects: readonly Subject[], holding: ReadonlySet<Subject>, teams: ReportTeam[], rows: ReportRow[], now: number): Summary {
  const reasons = new Map<string, { principal_type: Subject['type']; principal: string; reasons: Set<RowFlag> }>();
  // An expired row stays in the tables, flagged, but makes nobody an admin.
  for (const r of rows) {
    if (r.flags.includes('expired')) continue;
    for (const f of r.flags) {
      if (!ADMIN_FLAGS.includes(f)) continue;
      const key = `${r.principal_type}\u0000${r.principal}`;
      (reasons.get(key) ?? reasons.set(key, { principal_type: r.principal_type, principal: r.principal, reasons: new Set() }).get(key)!).reasons.add(f);
    }
  }
  const admins = [...reasons.values()].map((a) => ({ ...a, reasons: ADMIN_FLAGS.filter((f) => a.reasons.has(f)) }));
  const pending = subjects.filter((s) => s.status === 'pending').map((s) => ({ email: s.name, invited_at: s.invitedAt ?? null, age_days: ageInDays(s.invitedAt, now) }));
  const emptyTeams = teams.filter((t) => !t.predefined && t.members === 0).map((t) => ({ name: t.name, id: t.id }));
  const unassigned = subjects.filter((s) => !holding.has(s)).map((s) => ({ principal_type: s.type, principal: s.name }));
  const flagged = (f: RowFlag) => rows.filter((r) => r.flags.includes(f)).length;
  return {
    summary: {
      users: subjects.filter((s) => s.type === 'user').length,
      pending_invitations: pending.length,
      system_accounts: subjects.filter((s) => s.type === 'system_account').length,
      teams: teams.length,
      empty_teams: emptyTeams.length,
      rows: rows.length,
      admins: admins.length,
      org_wide_grants: flagged('org_wide'),
      expiring: flagged('expiring'),
      expired: flagged('expired'),
      missing_entities: flagged('entity_missing'),
      unassigned: unassigned.length,
    },
    admins,
    pending_invitations: pending,
    empty_teams: emptyTeams,
    unassigned,
    teams,
    rows,
  };
}

/** Whole days since the invitation; null when the org gave no date. */
function ageInDays(at: string | undefined, now: number): number | null {
  return at === undefined || Number.isNaN(Date.parse(at)) ? null : daysBetween(at, new Date(now));
}
