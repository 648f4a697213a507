/** The report as JSON (schemas/report.schema.json): one object, rows as objects; compact, since org-10k has ~100k rows. */
import type { Report } from './model.js';

export function renderReportJson(report: Report): string {
  return `${JSON.stringify(report)}\n`;
}
