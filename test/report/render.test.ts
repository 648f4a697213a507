/** The report's formats: CSV quoting and formula cells, JSON against its schema, the page's embedded data. */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../schemas/report.schema.json' with { type: 'json' };
import { buildReport } from '../../src/report/build.js';
import { renderReportCsv } from '../../src/report/render-csv.js';
import { esc, renderReportHtml } from '../../src/report/render-html.js';
import { renderReportJson } from '../../src/report/render-json.js';
import { embedJson, encodePageData } from '../../src/report/page-data.js';
import { PAGE_SCRIPT } from '../../src/report/page-script.js';
import { desiredState, desiredTeam, desiredUser } from '../support/builders.js';

const NOW = Date.parse('2027-01-20T00:00:00Z');
const hostile = desiredState(
  [
    desiredUser('=cmd|calc@example.com', { teams: ['Ops, "core"'] }),
    desiredUser('ana@example.com', { teams: ['Ops, "core"'], roles: [{ role: 'Viewer', entityType: 'Control Planes', entity: '</script><script>alert(1)</script>', region: 'us', expires: { on: '2027-01-25' } }] }),
  ],
  [desiredTeam('Ops, "core"', { idpGroups: ['eng', 'ops'], roles: [{ role: 'Admin', entityType: 'Identity', entity: '*' }] })],
);
const report = buildReport({ desired: hostile, now: NOW, expiringWithinDays: 14 });

describe('report formats', () => {
  it('CSV quotes commas and quotes, joins lists with ";" and keeps a formula as text', () => {
    const lines = renderReportCsv(report).split('\r\n');
    expect(lines[1]).toBe(`user,'=cmd|calc@example.com,,,membership,,,,,,team,"Ops, ""core""",,eng;ops,,,`);
    expect(lines[2]).toBe(`user,'=cmd|calc@example.com,,,grant,Admin,Identity,*,*,*,team,"Ops, ""core""",,eng;ops,,,identity_admin;org_wide`);
    expect(lines.at(-1)).toBe('');
  });

  it('JSON validates against schemas/report.schema.json, and the schema rejects what it must', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const value = JSON.parse(renderReportJson(report));
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...value, rows: [{ ...value.rows[0], flags: ['superuser'] }] })).toBe(false);
    expect(validate({ ...value, extra: 1 })).toBe(false);
  });

  it('the page embeds each string once and rows as index pairs that decode back to the rows', () => {
    const data = encodePageData(report);
    expect(new Set(data.s).size).toBe(data.s.length);
    expect(data.r.length).toBe(report.rows.length * 2);
    const principal = (i: number) => data.s[data.p[data.r[2 * i]! * 4 + 1]!];
    const role = (i: number) => data.s[data.a[data.r[2 * i + 1]!]![1]!] ?? null;
    expect(report.rows.map((_, i) => `${principal(i)} ${role(i)}`)).toEqual(report.rows.map((r) => `${r.principal} ${r.role}`));
  });

  it('nothing from the org can close the data element or reach the markup unescaped', () => {
    const html = renderReportHtml(report);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<script>alert(1)');
    expect(embedJson({ a: '</script>\u2028' })).toBe('{"a":"\\u003c/script>\\u2028"}');
    expect(esc(`<b a="x">'&\u0007`)).toBe('&lt;b a=&quot;x&quot;&gt;&#39;&amp;');
    expect(PAGE_SCRIPT).not.toMatch(/<\/script|innerHTML|outerHTML|insertAdjacentHTML|eval\(|new Function/i);
  });
});
