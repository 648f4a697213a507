/** `dump --select-team-labels k=v`: a dump of the labelled teams and their members that keeps to that scope. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const LIVE = `_format_version: "1.0"
teams:
  - { name: Payments, labels: { team: payments, tier: "1" } }
  - { name: Payments Ops, labels: { team: payments } }
  - { name: Search, labels: { team: search } }
  - { name: Unlabelled }
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [Payments, Analytics Viewer] }
  - { email: bo@example.com, teams: [Payments Ops, Search] }
  - { email: cy@example.com, teams: [Search] }
system_accounts:
  - { name: ci, description: CI, teams: [Payments] }
  - { name: search-bot, description: Bot, teams: [Search] }
`;

function body(stdout: string): string {
  return stdout.slice(stdout.indexOf('_format_version'));
}

describe('orgdeck dump --select-team-labels', () => {
  it('writes the labelled teams, their members and the _info that keeps the file to them; says what it left out', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['dump', '--select-team-labels', 'team=payments'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('Left out 2 teams without team=payments, 2 people in none of the selected teams and 1 system account in none of them.\n');
    expect(body(r.stdout)).toBe(`_format_version: "1.0"
_info:
  select_team_labels:
    team: payments
  unlisted_users: ignore
  unlisted_system_accounts: ignore
teams:
  - name: Payments
    labels:
      team: payments
      tier: "1"
  - name: Payments Ops
    labels:
      team: payments
users:
  - email: ana@example.com
    status: active
    teams:
      - Analytics Viewer
      - Payments
  - email: bo@example.com
    status: active
    teams:
      - Payments Ops
system_accounts:
  - name: ci
    description: CI
    teams:
      - Payments
`);
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'payments.yaml');
    writeFileSync(file, r.stdout);
    const diff = await runCli(['diff', '--non-zero-exit-code', file], { env });
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
  });

  it('takes several labels, repeated, separated by commas or in ORGDECK_SELECT_TEAM_LABELS: a team must carry them all', async () => {
    const { env } = await seededOrg(LIVE);
    const ways: [string[], Record<string, string>][] = [
      [['--select-team-labels', 'team=payments,tier=1'], {}],
      [['--select-team-labels', 'team=payments', '--select-team-labels', 'tier=1'], {}],
      [[], { ORGDECK_SELECT_TEAM_LABELS: 'team=payments,tier=1' }],
    ];
    for (const [args, vars] of ways) {
      const r = await runCli(['dump', ...args], { env: { ...env, ...vars } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('select_team_labels:\n    team: payments\n    tier: "1"\n');
      expect(r.stdout).not.toContain('Payments Ops');
      expect(r.stderr).toContain('Left out 3 teams without team=payments, tier=1, 3 people');
    }
  });

  it('warns when no team carries the labels, and still writes the empty selection it was asked for', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['dump', '--select-team-labels', 'nosuch=val,team=payments'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Warning: no team in Konnect carries nosuch=val, team=payments, so the dump lists no team and nobody.');
    expect(r.stdout).toContain('select_team_labels:\n    nosuch: val\n    team: payments\n');
    const full = await runCli(['dump', '--select-team-labels', 'team=payments'], { env });
    expect(full.stderr).not.toContain('Warning');
  });

  it('refuses what is not key=value, and a label given two values, before reading the org', async () => {
    for (const [value, message] of [
      ['payments', '"payments" is not one'],
      ['team=a,team=b', 'gives the label "team" twice'],
    ] as const) {
      const r = await runCli(['dump', '--select-team-labels', value], { env: { KONNECT_ADDR: 'http://127.0.0.1:9/{region}', KONNECT_TOKEN: 'kpat_x' } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(message);
    }
  });
});
