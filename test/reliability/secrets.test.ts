/** The token never appears in stdout, stderr, the log file, plan files, dumps or error messages. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

const LIVE = `_format_version: "1.0"
control_planes: [{ name: prod, region: us }]
teams: [{ name: Old }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: bo@example.com, teams: [Old] }
`;
const DESIRED = `_format_version: "1.0"
teams: [{ name: New, roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }] }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [New] }
`;

describe('the token never leaks', () => {
  it('through any command, output, error, log, plan or dump', async () => {
    const { env } = await seededOrg(LIVE);
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-secrets-'));
    const desired = join(dir, 'org.yaml');
    writeFileSync(desired, DESIRED);
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${TEST_TOKEN}\n`);
    const wrong = { ...env, KONNECT_TOKEN: `${TEST_TOKEN}_WRONG` };
    const files = { plan: join(dir, 'plan.json'), log: join(dir, 'sync.log'), dump: join(dir, 'dump.yaml') };
    const runs = [
      await runCli(['validate', desired], { env }),
      await runCli(['diff', desired], { env }),
      await runCli(['diff', '--format', 'json', '--out', files.plan, desired], { env }),
      await runCli(['diff', '--format', 'markdown', desired], { env }),
      await runCli(['diff', desired, '--konnect-token-file', tokenFile], { env: { KONNECT_ADDR: env.KONNECT_ADDR! } }),
      await runCli(['diff', desired, '--konnect-token', TEST_TOKEN], { env: { KONNECT_ADDR: env.KONNECT_ADDR! } }),
      await runCli(['diff', desired], { env: wrong }),
      await runCli(['dump'], { env: wrong }),
      await runCli(['sync', '--yes', desired], { env: wrong }),
      await runCli(['diff', desired, '--konnect-addr', 'http://konnect.example.com/{region}'], { env }),
      await runCli(['diff', desired, '--konnect-addr', 'http://127.0.0.1:1/{region}'], { env }),
      await runCli(['sync', '--dry-run', desired], { env }),
      await runCli(['sync', '--yes', '--log-file', files.log, desired], { env }),
      await runCli(['dump', '-o', files.dump], { env }),
      await runCli(['dump'], { env }),
      await runCli(['--help']),
    ];
    expect(runs.filter((r) => r.code === 0).length).toBeGreaterThan(8);
    expect(runs.some((r) => r.stderr.includes('401 Unauthenticated'))).toBe(true);
    for (const r of runs) {
      expect(r.stdout + r.stderr).not.toContain(TEST_TOKEN);
      expect(r.stdout + r.stderr).not.toContain('kpat_TEST');
    }
    for (const f of Object.values(files)) {
      expect(existsSync(f), f).toBe(true);
      expect(readFileSync(f, 'utf8')).not.toContain(TEST_TOKEN);
    }
    const log = readFileSync(files.log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log.length).toBeGreaterThan(3);
    expect(log[0]).toMatchObject({ op: expect.any(String), kind: expect.any(String), key: expect.any(String), status: expect.any(Number) });
  });
});
