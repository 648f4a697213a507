/** `orgdeck report`: the access review, from a seeded local org and offline from a state file. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../schemas/report.schema.json' with { type: 'json' };
import type { Report } from '../../src/report/model.js';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';
import { GONE_CP, REPORT_SEED } from '../support/report-org.js';

const validate = new Ajv({ allErrors: true }).compile(schema);

describe('orgdeck report', () => {
  it('reads the live org and writes every access with its source, valid against schemas/report.schema.json', async () => {
    const { env } = await seededOrg(REPORT_SEED);
    const r = await runCli(['report', '--format', 'json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.source).toBe('live');
    const ana = report.rows.filter((x) => x.principal === 'ana@example.com').map((x) => `${x.source} ${x.team ?? ''} ${x.role ?? 'member'} ${x.entity} ${x.region ?? ''} [${x.flags}]`);
    expect(ana).toEqual([
      `direct  Viewer ${GONE_CP} us [entity_missing]`,
      'team Platform member null  []',
      'team Platform Admin prod us []',
      'team Platform Viewer edge eu []',
    ]);
    expect(report.rows.find((x) => x.role === 'Admin' && x.entity === 'prod')?.entity_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.admins.map((a) => `${a.principal} ${a.reasons}`)).toEqual(['owner@example.com organization_admin', 'sam@example.com identity_admin,org_wide', 'ci-deployer org_wide']);
    expect(report.pending_invitations).toEqual([expect.objectContaining({ email: 'new@example.com', invited_at: expect.stringMatching(/^2026-01-01T00:00:00/) })]);
    expect(report.pending_invitations[0]!.age_days).toBeGreaterThan(100);
    expect(report.empty_teams.map((t) => t.name)).toEqual(['Unused']);
    expect(report.unassigned.map((u) => u.principal)).toEqual(['lee@example.com', 'new@example.com']);
    expect(report.system_accounts).toEqual([expect.objectContaining({ name: 'ci-deployer', description: 'CI' })]);
    expect(report.summary).toMatchObject({ users: 6, system_accounts: 1, pending_invitations: 1, admins: 3, missing_entities: 1, empty_teams: 1, unassigned: 2 });
    expect(r.stdout).not.toContain(TEST_TOKEN);
  });

  it('writes CSV with the documented columns, one line per row', async () => {
    const { env } = await seededOrg(REPORT_SEED);
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-report-'));
    const out = join(dir, 'access.csv');
    const r = await runCli(['report', '-o', out], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Wrote the access report \(\d+ rows; 3 admins, 1 pending invitation, 0 expiring\) to .*access\.csv\.\n$/);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('principal_type,principal,principal_id,status,access,role,entity_type,entity,entity_id,region,source,team,team_id,idp_groups,expires,declared_at,flags');
    const json = JSON.parse((await runCli(['report', '--format', 'json'], { env })).stdout) as Report;
    expect(lines.length - 1).toBe(json.rows.length);
    expect(lines.some((l) => l.startsWith("system_account,ci-deployer,"))).toBe(true);
  });

  it('writes one self-contained HTML page: a CSP, no URL, the data escaped', async () => {
    const { env } = await seededOrg(REPORT_SEED);
    const r = await runCli(['report'], { env });
    expect(r.code, r.stderr).toBe(0);
    const html = r.stdout;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`);
    // Text from the org may read "src="; only a real tag could load it, and every < of the org's is escaped.
    expect(html).not.toMatch(/<[a-z]+[^>]*\s(src|href|action)=|https?:\/\/|url\(|@import/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('"\\u003cimg src=x onerror=alert(1)>@example.com"');
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('reads a state file offline: no token, no request, names as the file writes them', async () => {
    const file = `_format_version: "1.0"
teams:
  - name: Platform
    roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }]
users:
  - { email: ana@example.com, teams: [Platform, Organization Admin] }
`;
    const r = await runCli(['report', '-', '--format', 'json', '--expiring-within', '3w'], { env: {}, stdin: file });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.source).toBe('file');
    expect(report.organization).toBeNull();
    expect(report.expiring_within_days).toBe(21);
    expect(report.generated_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(report.rows.map((x) => `${x.team} ${x.role ?? 'member'} ${x.entity ?? ''} ${x.declared_at}`)).toEqual([
      'Organization Admin member  -:6:49',
      'Platform member  -:6:39',
      'Platform Admin prod -:4:13',
    ]);
    expect(report.admins).toEqual([{ principal_type: 'user', principal: 'ana@example.com', reasons: ['organization_admin'] }]);
  });

  it('refuses to write a report that would hold a token, and says where it is', async () => {
    const { env } = await seededOrg(REPORT_SEED.replace('description: CI', `description: "${TEST_TOKEN}"`));
    const r = await runCli(['report', '--format', 'csv'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('The report was not written: ');
    expect(r.stderr).not.toContain(TEST_TOKEN);
  });

  it("takes ORGDECK_FORMAT when it names a report format the file's name agrees with, and leaves diff's formats (markdown, text) out", async () => {
    const file = '_format_version: "1.0"\nusers: []\n';
    for (const value of ['markdown', 'text']) {
      const r = await runCli(['report', '-'], { env: { ORGDECK_FORMAT: value }, stdin: file });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^<!doctype html>/i);
    }
    const json = await runCli(['report', '-'], { env: { ORGDECK_FORMAT: 'json' }, stdin: file });
    expect(JSON.parse(json.stdout)).toMatchObject({ source: 'file' });
    const out = join(mkdtempSync(join(tmpdir(), 'orgdeck-report-env-')), 'review.csv');
    const csv = await runCli(['report', '-', '-o', out], { env: { ORGDECK_FORMAT: 'json' }, stdin: file });
    expect(csv.code, csv.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^principal_type,/);
  });

  it('refuses an unknown format and a window it cannot read, with the way out', async () => {
    const bad = await runCli(['report', '-', '--format', 'pdf'], { env: {}, stdin: '' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--format takes html, csv or json, not "pdf".');
    const window = await runCli(['report', '-', '--expiring-within', 'soon'], { env: {}, stdin: '_format_version: "1.0"\nusers: []\n' });
    expect(window.code).toBe(1);
    expect(window.stderr).toContain('--expiring-within takes a whole number of days (14) or a duration with a unit, h, d or w (36h, 14d, 2w), up to 3650 days; "soon" is not one.');
  });
});
