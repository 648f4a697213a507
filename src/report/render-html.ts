/**
 * The report as one self-contained HTML page: inline style and script, no URL to anything, so it
 * opens from file:// and loads nothing (the CSP says so to the browser too). The summary and its
 * lists are written here, escaped; the two big tables are drawn by the page's script from the
 * data embedded once as JSON, a screenful of rows at a time.
 */
import type { Report, RowFlag, TokenFlag } from './model.js';
import { embedJson, encodePageData } from './page-data.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

const REASON: Record<RowFlag, string> = {
  organization_admin: 'Organization Admin team',
  identity_admin: 'Admin on Identity',
  org_wide: 'grant on every entity (*)',
  entity_missing: 'entity no longer exists',
  expiring: 'expiring',
  expired: 'expired',
};

export function renderReportHtml(report: Report): string {
  const org = report.organization ? `${report.organization.name} (${report.organization.id})` : 'state files';
  const title = `Access report: ${org}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="meta">Built ${esc(report.generated_at)} from ${report.source === 'live' ? 'the organization' : 'state files, offline'} by orgdeck report. Expiring means within ${report.expiring_within_days} days.</p>
</header>
${renderSummary(report)}
<section id="people-view">
<h2>Access by person</h2>
<div class="controls" id="people-controls"></div>
<div class="grid" id="people"></div>
</section>
<section id="teams-view">
<h2>Teams</h2>
<div class="controls" id="teams-controls"></div>
<div class="grid" id="teams"></div>
</section>
<script type="application/json" id="report-data">${embedJson(encodePageData(report))}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function renderSummary(r: Report): string {
  const s = r.summary;
  const tile = (n: number, label: string, warn = false) => `<div class="tile${warn && n > 0 ? ' warn' : ''}" data-count="${label}"><b>${n}</b><span>${esc(label)}</span></div>`;
  const tiles = [
    tile(s.users, 'users'),
    tile(s.system_accounts, 'system accounts'),
    tile(s.teams, 'teams'),
    tile(s.rows, 'access rows'),
    tile(s.admins, 'admins', true),
    tile(s.org_wide_grants, 'org-wide grants', true),
    tile(s.pending_invitations, 'pending invitations', true),
    tile(s.expiring, 'expiring', true),
    tile(s.expired, 'expired', true),
    tile(s.missing_entities, 'grants on gone entities', true),
    tile(s.empty_teams, 'empty teams', true),
    tile(s.unassigned, 'with no access', true),
    ...(r.source === 'live' ? [tile(s.access_tokens, 'access tokens'), tile(s.expired_tokens + s.expiring_tokens, 'tokens expired or expiring', true)] : []),
  ];
  const admins = r.admins.map((a) => [a.principal, a.principal_type.replace('_', ' '), a.reasons.map((x) => REASON[x]).join(', ')]);
  const pending = r.pending_invitations.map((p) => [p.email, p.invited_at ?? 'unknown', p.age_days === null ? 'unknown' : `${p.age_days} days`]);
  const expiring = r.rows.filter((x) => x.flags.includes('expiring') || x.flags.includes('expired')).map((x) => [x.principal, x.role === null ? `member of ${x.team}` : `${x.role} on ${x.entity_type} ${x.entity}`, x.expires ?? '', x.flags.includes('expired') ? 'expired' : 'expiring']);
  const gone = r.rows.filter((x) => x.flags.includes('entity_missing')).map((x) => [x.principal, `${x.role} on ${x.entity_type}`, x.entity_id ?? '', x.team ? `team ${x.team}` : 'direct']);
  return `<section id="summary">
<h2>Summary</h2>
<div class="tiles">${tiles.join('')}</div>
${list('admins', 'Admins and org-wide access', ['Principal', 'Type', 'Why'], admins, true)}
${list('pending', 'Pending invitations', ['Email', 'Invited', 'Age'], pending)}
${list('expiring', 'Expiring and expired access', ['Principal', 'Access', 'Expires', 'State'], expiring, true)}
${list('gone', 'Grants on entities that no longer exist', ['Principal', 'Grant', 'Entity id', 'Source'], gone)}
${list('empty-teams', 'Teams with no members', ['Team', 'Id'], r.empty_teams.map((t) => [t.name, t.id ?? '']))}
${list('unassigned', 'In no team and with no grant', ['Principal', 'Type'], r.unassigned.map((u) => [u.principal, u.principal_type.replace('_', ' ')]))}
${renderTokens(r)}
</section>`;
}

const TOKEN_NOTE: Record<TokenFlag, string> = { expired: 'expired', expiring: 'expiring', no_expiry: 'never expires', never_used: 'never used' };

/** One table of every system account's tokens: name and dates only, which is all the report holds. */
function renderTokens(r: Report): string {
  const title = 'System-account access tokens';
  if (r.source === 'file') return `<p class="none" id="tokens">${esc(title)}: not read (a report from files holds no tokens; run report against the organization).</p>`;
  const rows = r.system_accounts.flatMap((a): string[][] => {
    if (a.access_tokens_status === 'not_readable') return [[a.name, '', '', '', '', 'not readable: Konnect refused the token list (403 or 404)']];
    if (a.access_tokens_status === 'not_read' || !a.access_tokens?.length) return [[a.name, '', '', '', '', a.access_tokens_status === 'read' ? 'no access tokens' : 'not read']];
    return a.access_tokens.map((t) => [a.name, t.name ?? '', t.created_at ?? '', t.last_used_at ?? 'never', t.expires_at ?? 'never', t.flags.map((f) => TOKEN_NOTE[f]).join(', ')]);
  });
  return list('tokens', title, ['System account', 'Token', 'Created', 'Last used', 'Expires', 'Notes'], rows, true);
}

function list(id: string, title: string, head: string[], rows: string[][], open = false): string {
  if (rows.length === 0) return `<p class="none" id="${id}">${esc(title)}: none.</p>`;
  const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<details id="${id}"${open ? ' open' : ''}><summary>${esc(title)} (${rows.length})</summary>
<table class="list"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${body}
</tbody></table></details>`;
}

/** Everything from the org is text: &, <, >, quotes escaped, control characters dropped. */
export function esc(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
