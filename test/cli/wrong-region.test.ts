/**
 * A grant whose entity lives in another region than the one it names: validate --online, diff
 * and sync look the name up in every region and say where it lives, never suggesting a
 * different entity (prod-us for prod-eu would point the grant at another production plane).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const LIVE = `_format_version: "1.0"
control_planes: [{ name: prod-eu, region: eu }, { name: prod-us, region: us }]
api_products: [{ name: payments-eu, region: eu }, { name: payments-us, region: us }]
teams: [{ name: Platform }]
users: [{ email: owner@example.com, teams: [Organization Admin] }, { email: ana@example.com }]
`;

const FILE = `_format_version: "1.0"
teams:
  - name: Platform
    roles:
      - { role: Admin, entity_type: Control Planes, entity: prod-eu, region: us }
users:
  - email: owner@example.com
    teams: [Organization Admin]
  - email: ana@example.com
    teams: []
    roles:
      - { role: Viewer, entity_type: API Products, entity: payments-eu, region: us }
`;

const CP = 'Platform: Admin on Control Planes "prod-eu": "prod-eu" exists in eu, not us: fix the region.';
const AP = 'ana@example.com: Viewer on API Products "payments-eu": "payments-eu" exists in eu, not us: fix the region.';

/** A file where the owner holds these grants (YAML flow mappings), beside ana. */
function ownerWith(grants: string[]): string {
  return `_format_version: "1.0"\nusers:\n  - email: owner@example.com\n    teams: [Organization Admin]\n    roles:\n${grants.map((g) => `      - ${g}\n`).join('')}  - email: ana@example.com\n`;
}

/** The lookups by name the error path made, as `region path?query`. */
function lookups(log: { method: string; path: string }[]): string[] {
  return log.filter((e) => e.path.includes('filter')).map((e) => decodeURIComponent(e.path)).sort();
}

describe('a grant on an entity of another region', () => {
  it('validate --online says where the control plane and the API product live, at file:line:col', async () => {
    const { org, env } = await seededOrg(LIVE);
    org.clearRequestLog();
    const r = await runCli(['validate', '--online', '-'], { env, stdin: FILE });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([`-:5:61  /teams/0/roles/0/entity  team ${CP}`, `-:12:60  /users/1/roles/0/entity  ${AP}`, 'Error: 2 problems in -. Fix them and run again.', '']);
    expect(r.stderr).not.toContain('Did you mean');
    const others = ['au', 'eu', 'in', 'me', 'sg'];
    expect(lookups(org.requestLog()).map((p) => p.replace(/&?page\[(size|number)\]=\d+/g, '').replace('?&', '?'))).toEqual(
      [...others.map((x) => `/${x}/v2/api-products?filter[name][eq]=payments-eu`), ...others.map((x) => `/${x}/v2/control-planes?filter[name][eq]=prod-eu`)].sort(),
    );
    expect(org.requestLog().filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('diff and sync refuse with the same sentences and change nothing', async () => {
    const { org, env } = await seededOrg(LIVE);
    for (const argv of [['diff', '-'], ['sync', '--yes', '-']]) {
      org.clearRequestLog();
      const r = await runCli(argv, { env, stdin: FILE });
      expect(r.code, argv[0]).toBe(1);
      // diff names the team as the plan does, without "team".
      expect(r.stderr, argv[0]).toContain(`  - -:5:9  ${CP}\n`);
      expect(r.stderr, argv[0]).toContain(`  - -:12:9  ${AP}\n`);
      expect(r.stderr, argv[0]).not.toContain('Did you mean');
      expect(r.stdout, argv[0]).toBe('');
      expect(org.requestLog().filter((e) => e.method !== 'GET'), argv[0]).toEqual([]);
    }
  });

  it('the region given by _info.defaults.region is checked the same way', async () => {
    const { env } = await seededOrg(LIVE);
    const file = `_format_version: "1.0"
_info: { defaults: { region: us } }
users:
  - email: owner@example.com
    teams: [Organization Admin]
    roles: [{ role: Viewer, entity_type: Control Planes, entity: prod-eu }]
  - email: ana@example.com
`;
    const r = await runCli(['diff', '-'], { env, stdin: file });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  - -:6:13  owner@example.com: Viewer on Control Planes "prod-eu": "prod-eu" exists in eu, not us: fix the region.\n');
    expect(r.stderr).not.toContain('Did you mean');
  });

  it('a name that lives nowhere still gets a "did you mean" from its own region only', async () => {
    const { env } = await seededOrg(LIVE);
    const file = ownerWith([
      '{ role: Viewer, entity_type: Control Planes, entity: prod-uss, region: us }',
      '{ role: Viewer, entity_type: Control Planes, entity: prod-euu, region: us }',
      // Without a region: every region's list is read, prod-eu (eu) included.
      '{ role: Admin, entity_type: Control Planes, entity: prod-us }',
    ]);
    const r = await runCli(['validate', '--online', '-'], { env, stdin: file });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('owner@example.com: Viewer on Control Planes "prod-uss" was not found in region us. Did you mean "prod-us"? Check the name, or create the entity first.\n');
    expect(r.stderr).toContain('owner@example.com: Viewer on Control Planes "prod-euu" was not found in region us. Did you mean "prod-us"? Check the name, or create the entity first.\n');
  });

  it('a right region, a name without a region and "*" in every region still resolve, with no lookup elsewhere', async () => {
    const { org, env } = await seededOrg(LIVE);
    const file = ownerWith([
      '{ role: Viewer, entity_type: Control Planes, entity: prod-eu, region: eu }',
      '{ role: Viewer, entity_type: API Products, entity: payments-us }',
      '{ role: Admin, entity_type: API Products, entity: "*", region: "*" }',
    ]);
    org.clearRequestLog();
    const r = await runCli(['diff', '-'], { env, stdin: file });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('grant Viewer on Control Planes prod-eu (eu) to user owner@example.com\n');
    expect(r.stdout).toContain('grant Viewer on API Products payments-us (us) to user owner@example.com\n');
    expect(r.stdout).toContain('grant Admin on API Products * (*) to user owner@example.com\n');
    expect(lookups(org.requestLog())).toEqual([]);
  });
});
