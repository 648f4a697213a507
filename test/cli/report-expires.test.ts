/**
 * `orgdeck report FILE` with `expires:` keys, end to end: expired access is listed and flagged but
 * holds nobody (no admin, not kept off the unassigned list), a team's grant ends with the
 * membership that carries it (as explain says), and a system account's membership says where
 * the file declares it.
 */
import { describe, expect, it } from 'vitest';
import { explainAccess } from '../../src/explain/explain.js';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';
import type { Report } from '../../src/report/model.js';
import { liveState, liveUser } from '../support/builders.js';
import { runCli } from '../support/io.js';

const FILE = `_format_version: "1.0"
teams:
  - name: Payments
    roles:
      - { role: Viewer, entity_type: Control Planes, entity: "*", region: us, expires: 2026-12-15 }
  - name: Platform
users:
  - email: old-admin@example.com
    roles:
      - { role: Admin, entity_type: Identity, entity: "*", region: "*", expires: 2026-11-30 }
  - email: gone@example.com
    teams:
      - { name: Platform, expires: 2026-11-01 }
  - email: pat@example.com
    teams:
      - { name: Payments, expires: 2026-12-12 }
system_accounts:
  - name: ci-bot
    description: CI
    teams: [Platform]
`;

async function report(): Promise<Report> {
  const r = await runCli(['report', '-', '--format', 'json'], { env: {}, stdin: FILE, now: new Date('2026-12-06T12:00:00Z') });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('orgdeck report FILE with expires', () => {
  it('lists expired access, flagged, but makes nobody an admin with it nor keeps them off the unassigned list', async () => {
    const r = await report();
    expect(r.rows.filter((x) => x.flags.includes('expired')).map((x) => `${x.principal} ${x.team ?? 'direct'} ${x.role ?? 'member'} [${x.flags}]`)).toEqual([
      'old-admin@example.com direct Admin [identity_admin,org_wide,expired]',
      'gone@example.com Platform member [expired]',
    ]);
    // pat's Viewer on every control plane is current: the only admin left.
    expect(r.admins).toEqual([{ principal_type: 'user', principal: 'pat@example.com', reasons: ['org_wide'] }]);
    expect(r.summary.admins).toBe(1);
    expect(r.unassigned).toEqual([
      { principal_type: 'user', principal: 'old-admin@example.com' },
      { principal_type: 'user', principal: 'gone@example.com' },
    ]);
  });

  it("ends a team's grant with the membership that carries it, and explain says the same date", async () => {
    const r = await report();
    expect(r.rows.filter((x) => x.principal === 'pat@example.com').map((x) => `${x.role ?? 'member'} ${x.expires}`)).toEqual(['member 2026-12-12', 'Viewer 2026-12-12']);
    const { state } = loadDesiredState([sourceFromText('exp.yaml', FILE)], {});
    const explained = explainAccess('pat@example.com', state!, liveState([liveUser('owner@example.com')]), Date.parse('2026-12-06T12:00:00Z'))!;
    expect(explained.explanation.access.map((a) => `${a.role ?? 'member'} ${a.expires}`)).toEqual(['member 2026-12-12', 'Viewer 2026-12-12']);
  });

  it("says where the file declares a system account's membership", async () => {
    const r = await report();
    expect(r.rows.find((x) => x.principal === 'ci-bot' && x.access === 'membership')?.declared_at).toBe('-:20:13');
  });
});
