/**
 * The report as CSV: one line per (principal, access, source), the columns of ReportRow in the
 * order below (docs/report.md lists them; they are stable). Lists (idp_groups, flags) are joined
 * with ";". RFC 4180 quoting, CRLF line ends.
 */
import type { Report, ReportRow } from './model.js';

export const CSV_COLUMNS: readonly (keyof ReportRow)[] = [
  'principal_type',
  'principal',
  'principal_id',
  'status',
  'access',
  'role',
  'entity_type',
  'entity',
  'entity_id',
  'region',
  'source',
  'team',
  'team_id',
  'idp_groups',
  'expires',
  'declared_at',
  'flags',
];

export function renderReportCsv(report: Report): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of report.rows) lines.push(CSV_COLUMNS.map((c) => cell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: ReportRow[keyof ReportRow]): string {
  const text = value === null ? '' : Array.isArray(value) ? value.join(';') : value;
  // Names come from the org: a spreadsheet would run "=HYPERLINK(…)" as a formula. A leading
  // quote keeps such a cell text (OWASP's advice for CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
