/** `orgdeck explain`: one person's access today and after sync, against a seeded local org. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';
import { ROOT, readmeBlock } from '../support/readme.js';

const LIVE = `_format_version: "1.0"
control_planes: [{ name: prod, region: us }, { name: edge, region: eu }]
teams:
  - name: Platform
    labels: { managed-by: orgdeck }
    roles:
      - { role: Admin, entity_type: Control Planes, entity: prod, region: us }
      - { role: Viewer, entity_type: Control Planes, entity: edge, region: eu }
  - name: Marketing
    roles: [{ role: Admin, entity_type: Audit Logs, entity: "*", region: "*" }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - email: Ana@Example.com
    teams: [Platform, Marketing, Organization Admin]
    roles: [{ role: Viewer, entity_type: Control Planes, entity: "*", region: "*" }]
  - email: zed@example.com
    teams: [Platform]
    roles: [{ role: Admin, entity_type: Dashboards, entity: "*", region: "*" }]
`;

const DESIRED = `_format_version: "1.0"
_info:
  select_team_labels: { managed-by: orgdeck }
teams:
  - name: Platform
    roles:
      - role: Admin
        entity_type: Control Planes
        entity: prod
        region: us
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - email: ana@example.com
    teams: [Platform, Analytics Viewer]
    roles:
      - { role: Debug Session Creator, entity_type: Control Planes, entity: prod, region: us }
  - email: zed@example.com
    teams: [Platform]
    roles: [{ role: Admin, entity_type: Dashboards, entity: "*", region: "*" }]
`;

const nulls = { role: null, entity_type: null, entity: null, region: null };

describe('orgdeck explain', () => {
  it('prints every access of one person, today and after sync, with the file:line:col that declares it', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['explain', 'ANA@example.com', '-', '--format', 'json'], { env, stdin: DESIRED });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      email: 'ana@example.com',
      access: [
        { role: 'Debug Session Creator', entity_type: 'Control Planes', entity: 'prod', region: 'us', via: 'direct', source: '-:16:9', live: false, desired: true },
        { role: 'Viewer', entity_type: 'Control Planes', entity: '*', region: '*', via: 'direct', source: null, live: true, desired: false },
        { ...nulls, via: 'team:Analytics Viewer', source: '-:14:23', live: false, desired: true },
        // Marketing lacks the managed-by label: sync leaves it, its membership and its grants alone.
        { ...nulls, via: 'team:Marketing', source: null, live: true, desired: true },
        { role: 'Admin', entity_type: 'Audit Logs', entity: '*', region: '*', via: 'team:Marketing', source: null, live: true, desired: true },
        { ...nulls, via: 'team:Organization Admin', source: null, live: true, desired: false },
        { ...nulls, via: 'team:Platform', source: '-:14:13', live: true, desired: true },
        { role: 'Admin', entity_type: 'Control Planes', entity: 'prod', region: 'us', via: 'team:Platform', source: '-:7:9', live: true, desired: true },
        { role: 'Viewer', entity_type: 'Control Planes', entity: 'edge', region: 'eu', via: 'team:Platform', source: null, live: true, desired: false },
      ],
    });
  });

  it('reads only that person\'s grants and teams: a handful of GETs, nothing about anyone else', async () => {
    const { org, env } = await seededOrg(LIVE);
    const zed = org.snapshot().users.find((u) => u.email === 'zed@example.com')!.id;
    org.clearRequestLog();
    const r = await runCli(['explain', 'ana@example.com', '-'], { env, stdin: DESIRED });
    expect(r.code, r.stderr).toBe(0);
    const paths = org.requestLog().map((e) => `${e.method} ${e.path.replace(/\?.*/, '')}`);
    expect(paths.every((p) => p.startsWith('GET '))).toBe(true);
    expect(paths.filter((p) => p.includes(zed))).toEqual([]);
    expect(paths.filter((p) => p === 'GET /global/v3/users')).toHaveLength(1);
    // user, own grants, own team ids, the team list, 2 custom teams' grants, control planes in us and eu
    expect(paths).toHaveLength(8);
  });

  it('says in text what each access becomes at the next sync', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['explain', 'ana@example.com', '-'], { env, stdin: DESIRED });
    expect(r.stdout.split('\n')[0]).toBe('Access of ana@example.com: 7 today, 6 after sync.');
    expect(r.stdout).toMatch(/ {2}gains {2}Debug Session Creator on Control Planes prod \(us\), direct +-:16:9\n/);
    expect(r.stdout).toMatch(/ {2}loses {2}member of Organization Admin \(predefined team: Konnect does not list its roles\) +not in the file\n/);
    expect(r.stdout).toMatch(/ {2}keeps {2}Admin on Control Planes prod \(us\), through team Platform +-:7:9\n/);
  });

  it('explains a person still to be invited, and one sync removes', async () => {
    const { env } = await seededOrg(LIVE);
    const invite = `${DESIRED}  - { email: new@example.com, teams: [Platform] }\n`;
    const r = await runCli(['explain', 'new@example.com', '-', '--format', 'json'], { env, stdin: invite });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).access.map((a: { via: string; live: boolean; desired: boolean }) => [a.via, a.live, a.desired])).toEqual([
      ['team:Platform', false, true],
      ['team:Platform', false, true],
    ]);
    const gone = DESIRED.slice(0, DESIRED.indexOf("  - email: zed"));
    const z = await runCli(['explain', 'zed@example.com', '-'], { env, stdin: gone });
    expect(z.stdout.split('\n')[0]).toBe('Access of zed@example.com (not in the file: sync removes them from the organization): 4 today, 0 after sync.');
  });

  it('exits 1 for an email in neither the file nor the organization, and refuses an unknown format', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['explain', 'nobody@example.com', '-'], { env, stdin: DESIRED });
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'Error: nobody@example.com is neither in the state files nor in the organization. Check the spelling.\n' });
    const f = await runCli(['explain', 'ana@example.com', '-', '--format', 'markdown'], { env, stdin: DESIRED });
    expect(f).toMatchObject({ code: 1, stderr: 'Error: --format takes text or json, not "markdown".\n' });
  });

  it('prints what docs/commands.md shows for Bruno in the demo org, in the 8 requests it says', async () => {
    const { org, env } = await seededOrg(readFileSync(join(ROOT, 'examples/live-seed.yaml'), 'utf8'), { owner: 'ana@example.com' });
    org.clearRequestLog();
    const r = await runCli(['explain', 'bruno@example.com', join(ROOT, 'examples/org.yaml')], { env });
    const shown = readmeBlock('output:explain-text').split('\n').slice(1).join('\n');
    expect(r.stdout.replaceAll(`${ROOT}/`, '')).toBe(shown);
    expect(org.requestLog()).toHaveLength(8);
  });
});
