/** `validate --online`: the file against a seeded local org; every problem at file:line:col; reads only. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

// An org unlike the default: the spec's role catalogue only, an older set of predefined teams,
// and two custom teams named Platform.
const LIVE = `_format_version: "1.0"
role_catalogue: spec
predefined_teams: [Organization Admin, Runtime Admin, Analytics Viewer]
control_planes: [{ name: prod, region: us }, { name: edge, region: eu }, { name: shared, region: us }, { name: shared, region: eu }]
teams: [{ name: Platform }, { name: Platform }, { name: Payments }]
users: [{ email: owner@example.com, teams: [Organization Admin] }]
`;

const FILE = `_format_version: "1.0"
teams:
  - name: Platform
    roles:
      - { role: Admin, entity_type: Control Planes, entity: prod, region: eu }
  - name: Runtime Admin
  - name: Payments
users:
  - email: owner@example.com
    teams: [Organization Admin, Portal Admin]
  - email: ana@example.com
    teams: [Payments]
    roles:
      - { role: Cloud Gateway Cluster Admin, entity_type: Control Planes, entity: "*", region: "*" }
      - { role: Viewer, entity_type: Portals, entity: "*", region: "*" }
      - { role: Viewer, entity_type: Control Planes, entity: prdo, region: us }
      - { role: Viewer, entity_type: Control Planes, entity: shared }
`;

describe('orgdeck validate --online', () => {
  it('reports every mismatch with the organization at file:line:col, and sends only GETs', async () => {
    const { org, env } = await seededOrg(LIVE);
    const ids = org.snapshot().teams.filter((t) => t.name === 'Platform').map((t) => t.id);
    const shared = (region: string) => org.snapshot().control_planes.find((c) => c.name === 'shared' && c.region === region)!.id;
    org.clearRequestLog();
    const r = await runCli(['validate', '--online', '-'], { env, stdin: FILE });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'notice: -:15:38  /users/1/roles/1/entity_type  The organization\'s role catalogue (GET /v3/roles) does not list Portals, so its roles cannot be checked online.',
      `-:3:11  /teams/0/name  Konnect has 2 teams named "Platform" (ids ${ids.join(', ')}); orgdeck will not guess which one the file means. Rename or delete the extra team in Konnect.`,
      '-:5:61  /teams/0/roles/0/entity  team Platform: Admin on Control Planes "prod": "prod" exists in us, not eu: fix the region.',
      '-:6:11  /teams/1/name  "Runtime Admin" is a predefined team in this organization ("Runtime Admin"): it cannot be declared, only joined. Remove it from teams, or rename it.',
      '-:10:33  /users/0/teams/1  This organization has no predefined team "Portal Admin". Its predefined teams: Organization Admin, Runtime Admin, Analytics Viewer.',
      '-:14:17  /users/1/roles/0/role  The organization has no role "Cloud Gateway Cluster Admin" for Control Planes (GET /v3/roles). It lists: Admin, Certificate Admin, Consumer Admin, Creator, Debug Session Creator, Deployer, Gateway Service Admin, Plugin Admin, Route Admin, SNI Admin, Upstream Admin, Viewer.',
      '-:16:62  /users/1/roles/2/entity  ana@example.com: Viewer on Control Planes "prdo" was not found in region us. Did you mean "prod"? Check the name, or create the entity first.',
      `-:17:62  /users/1/roles/3/entity  ana@example.com: Viewer on Control Planes "shared" is ambiguous: 2 match: ${shared('us')} (us), ${shared('eu')} (eu). Give the grant a region, or use the id.`,
      'Error: 7 problems in -. Fix them and run again.',
      '',
    ]);
    expect(org.requestLog().filter((e) => e.method !== 'GET')).toEqual([]);
    expect(org.requestLog().length).toBeGreaterThan(0);
  });

  it('says a file whose names resolve in the organization is valid (not that it matches: diff says that), having read only the catalogue, the teams and the entity lists', async () => {
    const { org, env } = await seededOrg(LIVE);
    org.clearRequestLog();
    const ok = `_format_version: "1.0"
teams:
  - name: Payments
    roles: [{ role: Viewer, entity_type: Control Planes, entity: edge }]
users: [{ email: owner@example.com, teams: [Organization Admin, Payments] }]
`;
    const r = await runCli(['validate', '--online', '-'], { env, stdin: ok });
    expect(r).toMatchObject({ code: 0, stdout: '- is valid, and its names, roles and entities resolve in the organization: 1 user, 1 team, 1 grant. (orgdeck diff shows what sync would change.)\n', stderr: '' });
    const paths = org.requestLog().map((e) => `${e.method} ${e.path.replace(/\?.*/, '')}`).sort();
    // the name without a region is looked up in every region
    expect(paths).toEqual(['GET /global/v3/roles', 'GET /global/v3/teams', ...['au', 'eu', 'in', 'me', 'sg', 'us'].map((r) => `GET /${r}/v2/control-planes`)].sort());
  });

  it('lets an expired grant on an entity since deleted pass, with the offline warning to delete it, as diff skips it', async () => {
    const { env } = await seededOrg(LIVE);
    const file = `_format_version: "1.0"
users:
  - email: owner@example.com
    teams: [Organization Admin]
    roles:
      - { role: Viewer, entity_type: Control Planes, entity: retired, region: us, expires: 2027-01-01 }
`;
    const now = new Date('2027-02-01T00:00:00Z');
    const r = await runCli(['validate', '--online', '-'], { env, stdin: file, now });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('warning: -:6:92  /users/0/roles/0/expires  This grant expired on 2027-01-01: sync will remove it; delete the entry.\n');
    const before = await runCli(['validate', '--online', '-'], { env, stdin: file, now: new Date('2026-12-01T00:00:00Z') });
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('retired');
  });

  it('stops at offline problems without a request, and needs no token without --online', async () => {
    const { org, env } = await seededOrg(LIVE);
    org.clearRequestLog();
    const bad = await runCli(['validate', '--online', '-'], { env, stdin: '_format_version: "1.0"\nusers: [{ email: a@example.com, teams: [Nope] }]\n' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^-:2:41 {2}\/users\/0\/teams\/0 {2}Team "Nope" is neither declared/);
    expect(org.requestLog()).toEqual([]);
    const offline = await runCli(['validate', '-'], { stdin: FILE });
    expect(offline).toMatchObject({ code: 0, stdout: '- is valid: 2 users, 3 teams, 5 grants.\n' });
  });
});
