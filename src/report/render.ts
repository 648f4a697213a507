/** The report's formats, by name: what --format takes. */
import type { Report } from './model.js';
import { renderReportCsv } from './render-csv.js';
import { renderReportHtml } from './render-html.js';
import { renderReportJson } from './render-json.js';

export const REPORT_FORMATS = { html: renderReportHtml, csv: renderReportCsv, json: renderReportJson } as const satisfies Record<string, (r: Report) => string>;
export type ReportFormat = keyof typeof REPORT_FORMATS;
