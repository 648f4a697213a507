/**
 * Saved plans: what `diff --out` writes and `sync --plan` applies. The plan carries its origin
 * (orgdeck version, time, organization, address, state digest, scope); before anything is sent,
 * a saved plan is checked as a whole (a hand-edited plan like any other), then against the org.
 */
import type { FetchScope } from '../konnect/fetch.js';
import type { LiveState } from '../live.js';
import type { DeletionLimits } from '../model.js';
import { grantKey } from '../diff/access.js';
import { type Change, changeId, type Plan, PLAN_FORMAT_VERSION, type PlanOrigin, type PlanScope } from './types.js';

/** The plan with its origin, placed right after format_version so a reader sees it first. */
export function stampPlan(plan: Plan, origin: PlanOrigin): Plan {
  const { format_version, ...rest } = plan;
  return { format_version, origin, ...rest };
}

export function planScopeOf(scope: FetchScope, limits?: DeletionLimits): PlanScope {
  return {
    ...(scope.emails ? { emails: [...scope.emails].sort() } : {}),
    ...(scope.teamLabels ? { team_labels: { ...scope.teamLabels } } : {}),
    custom_teams: scope.customTeams !== false,
    ...(limits ? { guards: { max_percent: limits.maxPercent, always_allowed: limits.alwaysAllowed } } : {}),
  };
}

/** The deletion limits a saved plan was made with. */
export function limitsOf(scope: PlanScope): DeletionLimits | undefined {
  return scope.guards ? { maxPercent: scope.guards.max_percent, alwaysAllowed: scope.guards.always_allowed } : undefined;
}

/** What to re-read for a saved plan: its scope; entity names are already resolved in it. */
export function fetchScopeOf(scope: PlanScope): FetchScope {
  return {
    ...(scope.emails ? { emails: new Set(scope.emails.map((e) => e.toLowerCase())) } : {}),
    ...(scope.team_labels ? { teamLabels: scope.team_labels } : {}),
    customTeams: scope.custom_teams,
    entityNeeds: [],
  };
}

/** An address template as a plan may show it: without any user:password part. */
export function publicAddr(template: string): string {
  return template.replace(/^(\w+:\/\/)[^/@]*@/, '$1');
}

/** The plan was made for another organization than the token's: nothing else about it matters. */
export function otherOrganization(origin: PlanOrigin, live: LiveState): string | undefined {
  const now = live.organization;
  if (now && origin.organization.id && now.id === origin.organization.id) return undefined;
  const was = `"${origin.organization.name}" (id ${origin.organization.id || 'unknown'})`;
  const is = now ? `"${now.name}" (id ${now.id || 'unknown'})` : 'an organization Konnect did not name';
  return `The plan was made for organization ${was}, but the token belongs to ${is}. Apply it with a token of that organization, or make a new plan for this one.`;
}

/**
 * What the schema cannot say about a plan: the version, the fields each change needs to be
 * carried out, keys that match their change, dependencies that exist, counts that add up.
 */
export function planProblems(plan: Plan): string[] {
  if (plan.format_version !== PLAN_FORMAT_VERSION) {
    return [`The plan is format ${JSON.stringify(plan.format_version)}; this orgdeck applies format ${PLAN_FORMAT_VERSION}. Make the plan again with this version (orgdeck diff --out plan.json).`];
  }
  const problems: string[] = [];
  if (!plan.origin) problems.push('The plan does not say where it was made (no "origin"). Make it with orgdeck diff --out plan.json, which records the organization it is for.');
  const ids = new Set<string>();
  const invited = new Set(plan.changes.filter((c) => c.op === 'create' && c.kind === 'user').map((c) => c.user?.email));
  const created = new Set(plan.changes.filter((c) => c.op === 'create' && c.kind === 'team').map((c) => c.team?.name));
  plan.changes.forEach((c, i) => {
    const at = `Change ${i + 1} (${changeId(c)})`;
    const id = changeId(c);
    if (ids.has(id)) problems.push(`${at} appears twice.`);
    ids.add(id);
    for (const missing of missingParts(c, invited, created)) problems.push(`${at} ${missing}.`);
    const key = expectedKey(c);
    if (key !== undefined && key !== c.key) problems.push(`${at} has key "${c.key}", but its fields say "${key}".`);
  });
  plan.changes.forEach((c, i) => {
    for (const d of c.depends_on ?? []) if (!ids.has(d)) problems.push(`Change ${i + 1} (${changeId(c)}) depends on "${d}", which is not in the plan.`);
  });
  for (const op of ['create', 'update', 'delete'] as const) {
    const n = plan.changes.filter((c) => c.op === op).length;
    if (plan.summary[op] !== n) problems.push(`The summary counts ${plan.summary[op]} to ${op}, but the plan has ${n}.`);
  }
  return problems;
}

function missingParts(c: Change, invited: Set<string | undefined>, created: Set<string | undefined>): string[] {
  const out: string[] = [];
  const needsUser = c.kind === 'user' || c.kind === 'team-membership' || c.kind === 'user-role';
  const needsTeam = c.kind === 'team' || c.kind === 'team-membership' || c.kind === 'team-role';
  if (needsUser && !c.user) out.push('names no user');
  if (needsTeam && !c.team) out.push('names no team');
  if ((c.kind === 'user-role' || c.kind === 'team-role') && !c.grant) out.push('names no grant');
  if (c.op !== 'create' && (c.kind === 'user' || c.kind === 'team') && !(c.user?.id ?? c.team?.id)) out.push(`has no ${c.kind} id to ${c.op}`);
  if (c.op === 'delete' && c.grant && !c.grant.id) out.push('has no grant id to revoke');
  if (c.kind !== 'user' && c.kind !== 'team') {
    if (c.user && !c.user.id && !invited.has(c.user.email)) out.push(`has no id for ${c.user.email}, and the plan does not invite them`);
    if (c.team && !c.team.id && !created.has(c.team.name)) out.push(`has no id for team "${c.team.name}", and the plan does not create it`);
    if (c.op === 'delete' && ((c.user && !c.user.id) || (c.team && !c.team.id))) out.push('removes access from someone without an id');
  }
  if (c.op === 'update' && !c.after) out.push('has no "after" fields to update to');
  return out;
}

/** The key a change's own fields give it (see diff/access.ts and diff/people.ts). */
function expectedKey(c: Change): string | undefined {
  if (c.kind === 'user') return c.user?.email;
  if (c.kind === 'team') return c.team?.name;
  if (c.kind === 'team-membership') return c.team && c.user ? `${c.team.name}/${c.user.email}` : undefined;
  if (!c.grant) return undefined;
  const holder = c.kind === 'user-role' ? c.user?.email : c.team?.name;
  return holder === undefined ? undefined : grantKey(holder, c.grant);
}
