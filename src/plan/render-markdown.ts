/**
 * The plan as markdown for a pull-request comment: the marker line, summary, refusals, pending
 * invitations, access changes by person, then the changes grouped by person and by team. Any
 * plan fits in MARKDOWN_LIMIT characters (render-markdown-budget.ts). Names and values from the
 * org or the state file go in as inline code or escaped text, never as markdown or HTML.
 */
import { grantText, pendingText, renamedFrom, showValue, shownFieldChanges } from './describe.js';
import { noChangesLine, pendingEntries } from './render-pending.js';
import { firstOf, fitSections, type Section } from './render-markdown-budget.js';
import { accessSection } from './render-markdown-people.js';
import { expiringText } from './describe-expiring.js';
import { refusalMarkdown } from './render-refusals.js';
import { summaryLine } from './render-text.js';
import { markdownCode, markdownText } from '../text/markdown.js';
import type { Change, Plan } from './types.js';

/** The first line, so a workflow can find its own comment and update it in place. */
export const PLAN_MARKER = '<!-- orgdeck:plan -->';

/** A person's or team's line names at most this many changes; plan.json has them all. */
const MAX_PHRASES = 20;

export function renderMarkdown(plan: Plan): string {
  const people = new Map<string, string[]>();
  const teams = new Map<string, string[]>();
  const accounts = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, who: string, what: string) => map.set(who, [...(map.get(who) ?? []), what]);
  for (const c of plan.changes) {
    const why = c.reason ? ` — ${c.reason}` : '';
    if (c.kind === 'user' || c.kind === 'invite' || c.kind === 'user-role' || c.kind === 'team-membership') add(people, c.user!.email, personPhrase(c) + why);
    else if (c.system_account) add(accounts, c.system_account.name, accountPhrase(c) + why);
    else add(teams, c.team!.name, teamPhrase(c) + why);
  }
  const targeting = plan.targeting ? [`_${markdownText(plan.targeting.message)}._`, ''] : [];
  const head = [PLAN_MARKER, '### orgdeck plan', '', ...organizationLine(plan), ...targeting, `${summaryLine(plan)}.`, '', ...refusalMarkdown(plan)];
  if (plan.changes.length === 0) head.push(markdownText(noChangesLine(plan)), '');
  const counted = (n: number, one: string, many: string) => `(${n} ${n === 1 ? one : many})`;
  const sections: Section[] = [];
  // Listed in full: the comment's budget (fitSections) keeps a long list short.
  const pendingLines = pendingEntries(plan, true).map((p) => `- ${markdownText(p.text).replace(markdownText(p.email!), markdownCode(p.email!))}`);
  if (plan.pending.length > 0) sections.push({ title: 'Pending invitations', count: `${counted(plan.pending.length, 'person', 'people')}, not drift`, items: pendingLines });
  const expiring = plan.expiring ?? [];
  if (expiring.length > 0) sections.push({ title: 'Expiring soon', count: `${counted(expiring.length, 'entry', 'entries')}, not drift`, items: expiring.map((e) => `- ${markdownText(expiringText(e))}`) });
  const access = accessSection(plan.access_changes ?? []);
  if (access) sections.push(access);
  if (people.size > 0) sections.push({ title: 'Changes by person', count: counted(people.size, 'person', 'people'), items: [...people].map(([who, what]) => item(who, what)) });
  if (teams.size > 0) sections.push({ title: 'Changes by team', count: counted(teams.size, 'team', 'teams'), items: [...teams].map(([name, what]) => item(name, what)) });
  if (accounts.size > 0) sections.push({ title: 'Changes by system account', count: counted(accounts.size, 'account', 'accounts'), items: [...accounts].map(([name, what]) => item(name, what)) });
  const tail = (plan.notes ?? []).flatMap((n) => [`**Note:** ${markdownText(n.message)}`, '']);
  return fitSections(head, sections, tail);
}

/**
 * Whose organization the plan is for, as `GET /v3/organizations/me` named it when the plan was
 * made: a reviewer with several orgs (staging, production) sees which one a comment changes.
 */
function organizationLine(plan: Plan): string[] {
  const org = plan.origin?.organization;
  if (!org || (!org.name && !org.id)) return [];
  const id = org.id ? ` (id ${markdownCode(org.id)})` : '';
  return [`For organization ${org.name ? markdownCode(org.name) : 'without a name'}${id}.`, ''];
}

/** "- `ana@example.com` will join Platform and …": the phrases carry names, so they are escaped whole. */
function item(who: string, phrases: readonly string[]): string {
  return `- ${markdownCode(who)} will ${joinPhrases(firstOf(phrases.map(markdownText), MAX_PHRASES))}`;
}

function personPhrase(c: Change): string {
  switch (`${c.op} ${c.kind}`) {
    case 'create user': return 'be invited';
    case 'create invite': return `have their invitation re-sent (${pendingText(c)})`;
    case 'update user': return `have ${updates(c)}`;
    case 'delete user': return c.before?.status === 'pending' ? 'have their pending invite cancelled' : 'be removed from the organization';
    case 'create team-membership': return `join ${c.team!.name}`;
    case 'delete team-membership': return `leave ${c.team!.name}`;
    case 'create user-role': return `get ${grantText(c.grant!)}`;
    default: return `lose ${grantText(c.grant!)}`;
  }
}

function accountPhrase(c: Change): string {
  switch (`${c.op} ${c.kind}`) {
    case 'create system-account': return 'be created';
    case 'update system-account': return updatePhrase(c, 'system account');
    case 'delete system-account': return 'be deleted (with its memberships, grants and access tokens)';
    case 'create system-account-membership': return `join ${c.team!.name}`;
    case 'delete system-account-membership': return `leave ${c.team!.name}`;
    case 'create system-account-role': return `get ${grantText(c.grant!)}`;
    default: return `lose ${grantText(c.grant!)}`;
  }
}

function teamPhrase(c: Change): string {
  switch (`${c.op} ${c.kind}`) {
    case 'create team': return 'be created';
    case 'update team': return updatePhrase(c, 'team');
    case 'delete team': return 'be deleted (with its memberships and grants)';
    case 'create team-role': return `get ${grantText(c.grant!)}`;
    case 'create team-idp-group': return `take members of IdP group "${c.idp_group!.group}"`;
    case 'delete team-idp-group': return `no longer take members of IdP group "${c.idp_group!.group}"`;
    default: return `lose ${grantText(c.grant!)}`;
  }
}

/** "be renamed (rename team Payments → Payments Squad) and have description changed …". */
function updatePhrase(c: Change, what: string): string {
  const from = renamedFrom(c);
  const rest = updates(c);
  if (from === undefined) return `have ${rest}`;
  return `be renamed (rename ${what} ${from} → ${c.key})${rest ? ` and have ${rest}` : ''}`;
}

function updates(c: Change): string {
  return shownFieldChanges(c).map((f) => `${f.field} changed from ${showValue(f.before)} to ${showValue(f.after)}`).join(', ');
}

function joinPhrases(phrases: string[]): string {
  if (phrases.length === 1) return phrases[0]!;
  return `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`;
}
