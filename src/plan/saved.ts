/**
 * Saved plans: what `diff --out` writes and `sync --plan` applies. The plan carries its origin
 * (orgdeck version, time, organization, address, state digest, scope); before anything is sent,
 * a saved plan is checked as a whole (a hand-edited plan like any other), then against the org.
 */
import type { FetchScope } from '../konnect/fetch.js';
import type { LiveState } from '../live.js';
import { ORG_ADMIN_TEAM } from '../model.js';
import { grantKey } from '../diff/access.js';
import { LEVELS } from './order.js';
import { type Change, changeId, type Plan, PLAN_FORMAT_VERSION, type PlanOrigin, type PlanScope } from './types.js';

/** The plan with its origin, placed right after format_version so a reader sees it first. */
export function stampPlan(plan: Plan, origin: PlanOrigin): Plan {
  const { format_version, ...rest } = plan;
  return { format_version, origin, ...rest };
}

export function planScopeOf(scope: FetchScope, limits?: { maxPercent: number; alwaysAllowed: number }): PlanScope {
  return {
    ...(scope.emails ? { emails: [...scope.emails].sort() } : {}),
    ...(scope.teamLabels ? { team_labels: { ...scope.teamLabels } } : {}),
    custom_teams: scope.customTeams !== false,
    ...(limits ? { guards: { max_percent: limits.maxPercent, always_allowed: limits.alwaysAllowed } } : {}),
  };
}

/**
 * What to re-read for a saved plan: the whole organization, whatever scope the plan says it was
 * made with. A plan file may be edited, and a narrower scope would shrink what the guards count
 * (a team scope of no teams makes any team deletion 0% of nothing). System accounts are read
 * when the plan touches one, or deletes a team (their memberships go with it, and the guards
 * count them), so their facts and guards are checked against what is live. The IdP group
 * mappings are read, from the provider the plan's mappings belong to, when it changes one.
 */
export function savedPlanScope(plan: Plan): FetchScope {
  const accounts = plan.changes.some((c) => c.kind.startsWith('system-account') || (c.op === 'delete' && c.kind === 'team'));
  const provider = plan.changes.find((c) => c.kind === 'team-idp-group')?.idp_group?.provider_id;
  return { customTeams: true, entityNeeds: [], ...(accounts ? { systemAccounts: {} } : {}), ...(provider ? { idp: { wanted: provider } } : {}) };
}

/** How old a saved plan may be by default, in hours (sync --max-plan-age): one working day, see README. */
export const MAX_PLAN_AGE_HOURS = 24;
/** Clocks disagree a little: a plan this far (ms) in the future is still taken as made now. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Why a plan is too old (or dated ahead) to apply at `now`; undefined when its age is fine. */
export function planTooOld(origin: PlanOrigin, now: Date, maxHours: number): string | undefined {
  const age = now.getTime() - Date.parse(origin.created_at);
  if (age < -CLOCK_SKEW_MS) return `The plan says it was made at ${origin.created_at}, which is ahead of this machine's clock (${now.toISOString()}). Make a new plan (orgdeck diff --out plan.json), or fix the clock.`;
  const hours = age / 3_600_000;
  if (hours <= maxHours) return undefined;
  return `The plan was made ${hours.toFixed(1)} hours ago (${origin.created_at}), more than ${maxHours} hours (--max-plan-age). Make a new plan (orgdeck diff --out plan.json) and review that, or re-run with --max-plan-age ${Math.floor(hours) + 1} to apply this one.`;
}

/** An address template as a plan may show it: without any user:password part. */
export function publicAddr(template: string): string {
  return template.replace(/^(\w+:\/\/)[^/@]*@/, '$1');
}

/**
 * The plan was made for another organization than the token's: nothing else about it matters.
 * The org id alone is no proof (it can be learnt outside the org, and a plan file edited): the
 * id of the org's Organization Admin team, readable only inside the org, must match too.
 */
export function otherOrganization(origin: PlanOrigin, live: LiveState): string | undefined {
  const now = live.organization;
  const was = `"${origin.organization.name}" (id ${origin.organization.id || 'unknown'})`;
  if (!now || !origin.organization.id || now.id !== origin.organization.id) {
    const is = now ? `"${now.name}" (id ${now.id || 'unknown'})` : 'an organization Konnect did not name';
    return `The plan was made for organization ${was}, but the token belongs to ${is}. Apply it with a token of that organization, or make a new plan for this one.`;
  }
  const team = live.teams.find((t) => t.system && t.name === ORG_ADMIN_TEAM)?.id;
  const saw = origin.organization.admin_team_id;
  if (saw && saw === team) return undefined;
  if (!saw) return `The plan does not record the ${ORG_ADMIN_TEAM} team of the organization it was made for (origin.organization.admin_team_id), so orgdeck cannot tell that it was made for ${was}. Make a new plan with this orgdeck (orgdeck diff --out plan.json).`;
  return `The plan names organization ${was}, the token's, but the ${ORG_ADMIN_TEAM} team it saw (id ${saw}) is not this organization's (id ${team ?? 'none'}): it was made for another organization, or edited. Make a new plan for this one (orgdeck diff --out plan.json).`;
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
  else if (Number.isNaN(Date.parse(plan.origin.created_at))) problems.push(`The plan's origin.created_at "${plan.origin.created_at.slice(0, 40)}" is not a time (ISO 8601, as diff --out writes it).`);
  const ids = new Set<string>();
  const invited = new Set(plan.changes.filter((c) => c.op === 'create' && c.kind === 'user').map((c) => c.user?.email));
  const created = new Set([
    ...plan.changes.filter((c) => c.op === 'create' && c.kind === 'team').map((c) => c.team?.name),
    ...plan.changes.filter((c) => c.op === 'create' && c.kind === 'system-account').map((c) => `system account ${c.system_account?.name}`),
  ]);
  plan.changes.forEach((c, i) => {
    const at = `Change ${i + 1} (${changeId(c)})`;
    const id = changeId(c);
    if (!DOABLE.has(`${c.op} ${c.kind}`)) problems.push(`${at}: orgdeck does not ${c.op} a ${c.kind}; no step could carry it out.`);
    if (ids.has(id)) problems.push(`${at} appears twice.`);
    ids.add(id);
    for (const missing of missingParts(c, invited, created)) problems.push(`${at} ${missing}.`);
    const key = expectedKey(c);
    if (key !== undefined && key !== c.key) problems.push(`${at} has key "${c.key}", but its fields say "${key}".`);
  });
  plan.changes.forEach((c, i) => {
    for (const d of c.depends_on ?? []) if (!ids.has(d)) problems.push(`Change ${i + 1} (${changeId(c)}) depends on "${d}", which is not in the plan.`);
  });
  problems.push(...dependencyCycles(plan.changes, ids));
  const providers = [...new Set(plan.changes.flatMap((c) => (c.idp_group ? [c.idp_group.provider_id] : [])))];
  if (providers.length > 1) problems.push(`The plan maps IdP groups in ${providers.length} identity providers (${providers.join(', ')}); orgdeck manages the mappings of one, and reads only that one's again.`);
  for (const op of ['create', 'update', 'delete'] as const) {
    const n = plan.changes.filter((c) => c.op === op).length;
    if (plan.summary[op] !== n) problems.push(`The summary counts ${plan.summary[op]} to ${op}, but the plan has ${n}.`);
  }
  return problems;
}

/** Every (op, kind) a step exists for: the order table lists each once. */
const DOABLE = new Set(LEVELS.flat().map(([op, kind]) => `${op} ${kind}`));

/**
 * Changes that wait for each other in a circle would never start: found here, before the first
 * write, rather than by the scheduler half-way through. Iterative, so a long chain cannot
 * overflow the stack; one sentence per cycle found.
 */
function dependencyCycles(changes: readonly Change[], ids: ReadonlySet<string>): string[] {
  const deps = new Map(changes.map((c) => [changeId(c), (c.depends_on ?? []).filter((d) => ids.has(d))]));
  const state = new Map<string, 'open' | 'done'>();
  const found: string[] = [];
  for (const start of deps.keys()) {
    if (state.has(start)) continue;
    const stack: [string, number][] = [[start, 0]];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = deps.get(top[0])![top[1]++];
      if (next === undefined) {
        state.set(top[0], 'done');
        stack.pop();
      } else if (state.get(next) === 'open') {
        const path = stack.slice(stack.findIndex(([id]) => id === next)).map(([id]) => `"${id}"`);
        found.push(`Changes depend on each other in a circle (${[...path, `"${next}"`].join(' → ')}), so none of them could ever start. Make the plan again with orgdeck diff --out plan.json, or fix depends_on by hand.`);
      } else if (!state.has(next)) {
        state.set(next, 'open');
        stack.push([next, 0]);
      }
    }
  }
  return found;
}

function missingParts(c: Change, invited: Set<string | undefined>, created: Set<string | undefined>): string[] {
  const out: string[] = [];
  const needsUser = c.kind === 'user' || c.kind === 'team-membership' || c.kind === 'user-role';
  const needsTeam = c.kind === 'team' || c.kind === 'team-membership' || c.kind === 'team-role';
  if (needsUser && !c.user) out.push('names no user');
  if (needsTeam && !c.team) out.push('names no team');
  if ((c.kind === 'user-role' || c.kind === 'team-role' || c.kind === 'system-account-role') && !c.grant) out.push('names no grant');
  if (c.kind.startsWith('system-account') && !c.system_account) out.push('names no system account');
  if (c.kind === 'system-account-membership' && !c.team) out.push('names no team');
  if (c.kind === 'team-idp-group' && !(c.team && c.idp_group)) out.push('names no team or no IdP group');
  if (c.kind === 'team-idp-group' && c.op === 'delete' && c.idp_group && !c.idp_group.id) out.push('has no mapping id to unmap');
  const account = c.system_account;
  if (account && !account.id && (c.op !== 'create' || c.kind !== 'system-account') && !created.has(`system account ${account.name}`)) {
    out.push(`has no id for system account "${account.name}", and the plan does not create it`);
  }
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
  if (c.kind === 'system-account') return c.system_account?.name;
  if (c.kind === 'system-account-membership') return c.team && c.system_account ? `${c.team.name}/${c.system_account.name}` : undefined;
  if (!c.grant) return undefined;
  const holder = c.kind === 'user-role' ? c.user?.email : c.kind === 'system-account-role' ? c.system_account?.name : c.team?.name;
  return holder === undefined ? undefined : grantKey(holder, c.grant);
}
