/** `expires` end to end against a local org: validate's checks and warnings, diff's reasons and "expiring soon", sync removing expired access, the guards. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const now = new Date('2027-02-01T12:00:00Z');

const LIVE = `_format_version: "1.0"
control_planes: [{ name: prod, region: us }]
teams: [{ name: Payments }, { name: Platform }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - email: ana@example.com
    teams: [Payments, Platform]
    roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }]
system_accounts:
  - { name: ci, description: CI, teams: [Platform] }
`;

/** ana's Payments membership and her grant on prod expire on `expires`; ci's Platform membership on `ci`. */
function desired(expires: string, ci = '2027-06-30'): string {
  return `_format_version: "1.0"
teams: [{ name: Payments }, { name: Platform }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - email: ana@example.com
    teams:
      - Platform
      - { name: Payments, expires: ${expires} }
    roles:
      - { role: Admin, entity_type: Control Planes, entity: prod, region: us, expires: ${expires} }
system_accounts:
  - name: ci
    description: CI
    teams: [{ name: Platform, expires: ${ci} }]
`;
}

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

describe('validate with expires', () => {
  it('refuses bad dates, each at its line and column with the way out (exit 1)', async () => {
    const f = file(desired('2027-02-30').replace('region: us, expires: 2027-02-30', 'region: us, expires: "2027-01-31T10:00"'));
    const r = await runCli(['validate', f], { now });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${f}:8:36  /users/1/teams/1/expires  "2027-02-30" is not a date. Write an ISO date like 2027-01-31`);
    expect(r.stderr).toContain(`${f}:10:88  /users/1/roles/0/expires  "2027-01-31T10:00" has no offset, so when it ends would depend on the time zone orgdeck runs in. Add Z for UTC (2027-01-31T10:00Z) or an offset like +01:00.`);
  });

  it('warns of an expiry passed and of one over a year away, and still exits 0', async () => {
    const f = file(desired('2027-01-31', '2028-06-30'));
    const r = await runCli(['validate', f], { now });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${f} is valid: 2 users, 2 teams, 1 system account, 1 grant.\n`);
    expect(r.stderr).toBe([
      `warning: ${f}:8:36  /users/1/teams/1/expires  This membership expired on 2027-01-31: sync will remove it; delete the entry.`,
      `warning: ${f}:14:40  /system_accounts/0/teams/0/expires  This membership expires on 2028-06-30, more than a year away: time-bound access is meant to end sooner. Shorten it, or remove expires if the access is meant to stay.`,
      `warning: ${f}:10:88  /users/1/roles/0/expires  This grant expired on 2027-01-31: sync will remove it; delete the entry.`,
      '',
    ].join('\n'));
  });
});

describe('diff and sync with expires', () => {
  it('sync removes an expired membership and grant, printing the reason; a second diff is empty', async () => {
    const { env } = await seededOrg(LIVE);
    const f = file(desired('2027-01-31'));
    const d = await runCli(['diff', '--non-zero-exit-code', f], { env, now });
    expect(d.code).toBe(2);
    expect(d.stdout).toContain(`remove ana@example.com from team Payments: expired on 2027-01-31 (${f}:8:36)\n`);
    expect(d.stdout).toContain(`revoke Admin on Control Planes prod (us) from user ana@example.com: expired on 2027-01-31 (${f}:10:88)\n`);
    expect(d.stdout).toContain('Summary: 0 to add, 0 to change, 2 to remove\n');
    const s = await runCli(['sync', '--yes', f], { env, now });
    expect(s.code).toBe(0);
    expect(s.stdout).toContain(`remove ana@example.com from team Payments: expired on 2027-01-31 (${f}:8:36): done\n`);
    expect(s.stdout).toContain(`revoke Admin on Control Planes prod (us) from user ana@example.com: expired on 2027-01-31 (${f}:10:88): done\n`);
    // Konnect stores no expiry: the dump has ana in Platform only, with no grant and no expires.
    const dump = await runCli(['dump'], { env, now });
    expect(dump.stdout).toContain('  - email: ana@example.com\n    status: active\n    teams:\n      - Platform\n  - email: owner@example.com\n');
    expect(dump.stdout).not.toContain('expires');
    const again = await runCli(['diff', '--non-zero-exit-code', f], { env, now });
    expect(again.code).toBe(0);
  });

  it('a future expiry changes nothing, and diff lists it as expiring soon in text, JSON and markdown, exit code unchanged', async () => {
    const { env } = await seededOrg(LIVE);
    const f = file(desired('2027-02-10'));
    const text = await runCli(['diff', '--non-zero-exit-code', f], { env, now });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`expiring soon: ana@example.com: team Payments expires on 2027-02-10 (${f}:8:36)\n`);
    expect(text.stdout).toContain(`expiring soon: ana@example.com: Admin on Control Planes prod (us) expires on 2027-02-10 (${f}:10:88)\n`);
    expect(text.stdout).not.toContain('ci');
    const json = await runCli(['diff', '--format', 'json', f], { env, now });
    const plan = JSON.parse(json.stdout);
    expect(new Ajv({ strict: true }).compile(planSchema)(plan)).toBe(true);
    expect(plan.changes).toEqual([]);
    expect(plan.expiring.map((e: { team?: string; expires: string }) => [e.team ?? 'grant', e.expires])).toEqual([['Payments', '2027-02-10'], ['grant', '2027-02-10']]);
    const md = await runCli(['diff', '--format', 'markdown', f], { env, now });
    expect(md.stdout).toContain('**Expiring soon** (2 entries), not drift');
    // A window of 36 hours holds neither; one of 200 days takes ci's membership too.
    expect((await runCli(['diff', '--expiring-within', '36h', f], { env, now })).stdout).not.toContain('expiring soon');
    expect((await runCli(['diff', '--expiring-within', '200', f], { env, now })).stdout).toContain('expiring soon: system account ci: team Platform expires on 2027-06-30');
  });

  it('explain shows the expiry of each entry, and expired access as lost at the next sync', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['explain', 'ana@example.com', file(desired('2027-01-31'))], { env, now });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/loses {2}Admin on Control Planes prod \(us\), direct \(expired on 2027-01-31\) +\S+:10:9\n/);
    expect(r.stdout).toMatch(/loses {2}member of team Payments \(expired on 2027-01-31\) +\S+:8:9\n/);
  });

  it('--expiring-within refuses what is not a duration, with the forms it takes', async () => {
    const r = await runCli(['diff', '--expiring-within', 'two weeks', file(desired('2027-02-10'))], { now });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--expiring-within takes a whole number of days (14) or a duration with a unit, h, d or w (36h, 14d, 2w), up to 3650 days; "two weeks" is not one.');
  });

  it('a saved plan keeps the reasons, and sync --plan applies it', async () => {
    const { env } = await seededOrg(LIVE);
    const f = file(desired('2027-01-31'));
    const out = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'plan.json');
    await runCli(['diff', '--out', out, f], { env, now });
    const saved = JSON.parse(readFileSync(out, 'utf8'));
    expect(saved.changes.map((c: { reason?: string }) => c.reason).sort()).toEqual([`expired on 2027-01-31 (${f}:10:88)`, `expired on 2027-01-31 (${f}:8:36)`]);
    const s = await runCli(['sync', '--plan', out, '--yes'], { env, now });
    expect(s.stdout).toContain(`remove ana@example.com from team Payments: expired on 2027-01-31 (${f}:8:36): done\n`);
    expect(s.code).toBe(0);
  });

  it('the guards refuse a mass removal of expired access (exit 3) unless --force', async () => {
    const people = Array.from({ length: 6 }, (_, i) => `p${i}@example.com`);
    const live = `_format_version: "1.0"
teams: [{ name: Payments }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
${people.map((p) => `  - { email: ${p}, teams: [Payments] }`).join('\n')}
`;
    const { env } = await seededOrg(live);
    const f = file(`_format_version: "1.0"
teams: [{ name: Payments }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
${people.map((p) => `  - { email: ${p}, teams: [{ name: Payments, expires: 2027-01-31 }] }`).join('\n')}
`);
    const refused = await runCli(['sync', '--yes', f], { env, now });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/6 of .*memberships/);
    const forced = await runCli(['sync', '--yes', '--force', f], { env, now });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Done: 6 applied');
  });
});
