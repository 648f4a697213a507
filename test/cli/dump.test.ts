import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bigOrg } from '../support/big-org.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const LIVE = `_format_version: "1.0"
control_planes: [{ name: prod, region: us, id: 0f5c3b1e-6a0e-4a57-9d7e-111111111111 }]
teams:
  - { name: Zeta, labels: { b: "2", a: "1" } }
  - name: Alpha
    description: First
    roles:
      - { role: Viewer, entity_type: Control Planes, entity: prod, region: us }
      - { role: Admin, entity_type: Control Planes, entity: 9d3c0f9e-1111-4222-8333-444444444444, region: eu }
users:
  - { email: zoe@example.com, full_name: Zoe, teams: [Zeta, Alpha, Analytics Viewer] }
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: new@example.com, status: pending, roles: [{ role: Viewer, entity_type: Control Planes, entity: "*", region: "*" }] }
`;

describe('orgdeck dump', () => {
  it('writes the org sorted, with pending status, predefined teams as references, names where ids resolve', async () => {
    const { env } = await seededOrg(LIVE, { now: () => new Date('2026-11-20T10:00:00Z') });
    const r = await runCli(['dump'], { env });
    expect(r.code).toBe(0);
    // The first line, the schema reference, has its own tests (output-file.test.ts).
    expect(r.stdout).toMatch(/^# yaml-language-server: \$schema=\S+\n/);
    expect(r.stdout.slice(r.stdout.indexOf('\n') + 1)).toBe(`# Written by orgdeck dump. Check it with: orgdeck validate FILE
_format_version: "1.0"
teams:
  - name: Alpha
    description: First
    roles:
      - role: Admin
        entity_type: Control Planes
        entity: 9d3c0f9e-1111-4222-8333-444444444444
        region: eu
      - role: Viewer
        entity_type: Control Planes
        entity: prod
        region: us
  - name: Zeta
    labels:
      a: "1"
      b: "2"
users:
  - email: new@example.com
    status: pending
    invited_at: 2026-11-20T10:00:00.000Z
    teams: []
    roles:
      - role: Viewer
        entity_type: Control Planes
        entity: "*"
        region: "*"
  - email: owner@example.com
    status: active
    teams:
      - Organization Admin
  - email: zoe@example.com
    full_name: Zoe
    status: active
    teams:
      - Alpha
      - Analytics Viewer
      - Zeta
`);
  });

  it('-o writes a file that validates and diffs clean against the same org', async () => {
    const { env } = await seededOrg(LIVE);
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
    const r = await runCli(['dump', '-o', file], { env });
    expect(r.stderr).toBe(`Wrote 3 users and 2 teams to ${file}.\n`);
    expect(readFileSync(file, 'utf8')).toContain('email: zoe@example.com');
    expect((await runCli(['validate', file])).code).toBe(0);
    const diff = await runCli(['diff', '--non-zero-exit-code', file], { env });
    expect(diff.code, diff.stdout).toBe(0);
  });
});

describe('--parallelism', () => {
  it('is a hard cap on requests in flight, for dump, diff and sync alike', async () => {
    const { seed, desiredYaml } = bigOrg(60, 30, 4);
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
    writeFileSync(file, desiredYaml);
    for (const args of [['dump'], ['diff', file], ['sync', '--yes', '--force', file]]) {
      const { org: fresh, env: freshEnv } = await seededOrg(JSON.stringify(seed), { latencyMs: 5 });
      const r = await runCli([...args, '--parallelism', '3'], { env: freshEnv });
      expect(r.code, r.stderr).toBe(0);
      expect(fresh.stats().maxInFlight, args.join(' ')).toBe(3);
    }
  });
});

describe('dump never alters a value to hide a token', () => {
  /** Names and descriptions that only look like tokens; the old redaction rewrote each of them. */
  const LOOKALIKES = `_format_version: "1.0"
teams:
  - { name: Ops spat_runners, description: "Rotates the kpat_ tokens; spat_0123456789 was an example" }
  - { name: Docs, description: "mentions kpat_AbC123xyz_987 in the guide" }
users:
  - { email: kpat_abcdefghij@example.com, full_name: Spat_Runner, teams: [Ops spat_runners] }
  - { email: owner@example.com, teams: [Organization Admin] }
`;

  it('a dump of look-alike names keeps every value, loads back, and a sync of it changes nothing', async () => {
    const { org, env } = await seededOrg(LOOKALIKES);
    const before = org.snapshot();
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
    const r = await runCli(['dump', '-o', file], { env });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('[redacted]');
    for (const value of ['name: Ops spat_runners', 'Rotates the kpat_ tokens; spat_0123456789 was an example', 'mentions kpat_AbC123xyz_987 in the guide', 'email: kpat_abcdefghij@example.com', 'full_name: Spat_Runner']) expect(text).toContain(value);
    // On standard output too, past the schema line (which names the file's place).
    const tail = (t: string) => t.slice(t.indexOf('\n') + 1);
    expect(tail((await runCli(['dump'], { env })).stdout)).toBe(tail(text));
    const sync = await runCli(['sync', '--yes', file], { env });
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain('Summary: 0 to add, 0 to change, 0 to remove');
    expect(org.snapshot()).toEqual(before);
  });

  it('a plan keeps look-alike names as they are, in the plan file and in --format json', async () => {
    const { env } = await seededOrg(LOOKALIKES);
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-'));
    const desired = join(dir, 'org.yaml');
    writeFileSync(desired, LOOKALIKES.replace('description: "mentions kpat_AbC123xyz_987 in the guide"', 'description: "now mentions spat_0123456789 too"'));
    const plan = join(dir, 'plan.json');
    const r = await runCli(['diff', '--format', 'json', '--out', plan, desired], { env });
    expect(r.code, r.stderr).toBe(0);
    for (const text of [r.stdout, readFileSync(plan, 'utf8')]) {
      expect(text).not.toContain('[redacted]');
      expect(JSON.parse(text).changes).toEqual([
        expect.objectContaining({ op: 'update', kind: 'team', key: 'Docs', before: { description: 'mentions kpat_AbC123xyz_987 in the guide' }, after: { description: 'now mentions spat_0123456789 too' } }),
      ]);
    }
  });

  it('a live value that is a whole token is refused, saying where, and nothing is written', async () => {
    const token = 'kpat_DoRQeLJVS6G7lwleKI77sypGi20qT5JXKBdnpHud1mOQk4Srv';
    const { env } = await seededOrg(`_format_version: "1.0"\nteams:\n  - { name: Ops, description: "${token}" }\n`);
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
    for (const args of [['dump', '-o', file], ['dump']]) {
      const r = await runCli(args, { env });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('Error: The dump was not written: team "Ops", field description holds a Konnect access token (or the token this run uses).');
      expect(r.stderr).toContain('remove the token from that field in Konnect, then run dump again.');
      expect(r.stderr).not.toContain(token);
    }
    expect(existsSync(file)).toBe(false);
  });
});
