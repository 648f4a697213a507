/**
 * `orgdeck report` as a pure function: the organization as read (or the state files) in, the
 * access report out. Each principal's access is read by collectAccess, the reading `explain`
 * uses; this module only flattens it to rows and flags what a reviewer must look at.
 */
import { type AccessContext, collectAccess, type HeldAccess, makeAccessContext } from '../explain/access.js';
import { DAY_MS } from '../diff/invitations.js';
import { expiresWithin, hasExpired } from '../expiry.js';
import { type DesiredState, ORG_ADMIN_TEAM } from '../model.js';
import { REPORT_FORMAT_VERSION, type Report, type ReportRow, type ReportSystemAccount, type RowFlag } from './model.js';
import { type ReportInput, type Subject, subjectsOfFile, subjectsOfLive } from './principals.js';
import { summarize, type TeamFacts, teamsOf } from './summarize.js';
import { countTokens, tokenFieldsOf } from './tokens.js';

export type { LiveView, ReportInput } from './principals.js';

/** Nothing declared and nothing managed: every principal read from the org keeps what it holds. */
const NOTHING_DECLARED: DesiredState = { info: { unlistedUsers: 'ignore', manageTeams: false }, users: [], teams: [] };

export function buildReport(input: ReportInput): Report {
  const ctx = makeAccessContext(input.desired ?? NOTHING_DECLARED, input.live?.entities ?? []);
  const subjects = input.live ? subjectsOfLive(input.live) : subjectsOfFile(input.desired);
  const facts = teamFactsOf(input);
  const window = { now: input.now, ms: input.expiringWithinDays * DAY_MS };
  const rows: ReportRow[] = [];
  const holding = new Set<Subject>();
  for (const s of subjects) {
    const mine = rowsOf(s, ctx, facts, window, input.live !== undefined);
    // Access that has run out is listed (flagged expired) but no longer holds anyone.
    if (mine.some((r) => !r.flags.includes('expired'))) holding.add(s);
    rows.push(...mine);
  }
  const teams = teamsOf(input, ctx, facts, rows);
  const accounts = systemAccountsOf(input, window);
  const summarized = summarize(subjects, holding, teams, rows, input.now);
  return {
    format_version: REPORT_FORMAT_VERSION,
    generated_at: new Date(input.now).toISOString(),
    source: input.live ? 'live' : 'file',
    organization: input.live?.organization ?? null,
    expiring_within_days: input.expiringWithinDays,
    ...summarized,
    summary: { ...summarized.summary, ...countTokens(accounts) },
    system_accounts: accounts,
  };
}

/** Tokens only as tokenFieldsOf writes them (name and dates); state files hold none. */
function systemAccountsOf(input: ReportInput, window: { now: number; ms: number }): ReportSystemAccount[] {
  if (input.live) {
    return (input.live.systemAccounts ?? []).map((a) => ({ name: a.name, id: a.id, description: a.description, konnect_managed: a.konnectManaged, ...tokenFieldsOf(a.accessTokens, window) }));
  }
  return (input.desired.systemAccounts ?? []).map((a) => ({ name: a.name, id: null, description: a.description ?? null, konnect_managed: a.konnectManaged === true, ...tokenFieldsOf(undefined, window) }));
}

function teamFactsOf(input: ReportInput): TeamFacts {
  const idpGroups = new Map<string, string[]>();
  if (input.live) for (const t of input.live.teams) idpGroups.set(t.id, (t.idpGroups ?? []).map((g) => g.group));
  else for (const t of input.desired.teams) idpGroups.set(t.name, t.idpGroups ?? []);
  return { idpGroups, idpOwnsMembership: input.live?.idpOwnsMembership === true };
}

function rowsOf(s: Subject, ctx: AccessContext, facts: TeamFacts, window: { now: number; ms: number }, live: boolean): ReportRow[] {
  const held = collectAccess(s.principal, ctx).held.filter((h) => (live ? h.entry.live : h.entry.desired));
  return held.map((h) => {
    const e = h.entry;
    const team = e.via === 'direct' ? null : e.via.slice('team:'.length);
    const groups = team === null ? [] : (facts.idpGroups.get(live ? (h.teamId ?? '') : team) ?? []);
    return {
      principal_type: s.type,
      principal: s.name,
      principal_id: s.id,
      status: s.status,
      access: e.role === null ? 'membership' : 'grant',
      role: e.role,
      entity_type: e.entity_type,
      entity: e.entity,
      entity_id: h.entityId,
      region: e.region,
      source: team === null ? 'direct' : facts.idpOwnsMembership && groups.length > 0 ? 'idp_group' : 'team',
      team,
      team_id: h.teamId ?? null,
      idp_groups: groups,
      expires: h.expires?.on ?? null,
      declared_at: e.source,
      flags: flagsOf(h, team, window),
    };
  });
}

function flagsOf(h: HeldAccess, team: string | null, window: { now: number; ms: number }): RowFlag[] {
  const { entry: e, expires } = h;
  const flags: RowFlag[] = [];
  if (e.role === null && team === ORG_ADMIN_TEAM) flags.push('organization_admin');
  if (e.role === 'Admin' && e.entity_type === 'Identity') flags.push('identity_admin');
  if (e.role !== null && (h.entityId === '*' || e.entity === '*')) flags.push('org_wide');
  if (h.missingEntity) flags.push('entity_missing');
  if (hasExpired(expires, window.now)) flags.push('expired');
  else if (expiresWithin(expires, window.now, window.ms)) flags.push('expiring');
  return flags;
}
