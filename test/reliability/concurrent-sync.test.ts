/**
 * Two syncs at once that both create the same team. Konnect allows duplicate team names: before
 * orgdeck looked by name around each create, both exited 0 and left two teams "Shared", which
 * every later sync refused as ambiguous. Now one is kept and the copy a run made itself is deleted.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply.js';
import { buildPlan } from '../../src/plan/build.js';
import { scopeOf } from '../../src/diff/scope.js';
import { KonnectClient } from '../../src/konnect/client.js';
import { fetchLiveState } from '../../src/konnect/fetch.js';
import { type Transport, undiciTransport } from '../../src/konnect/transport.js';
import { desiredFrom, FAST_RETRY } from '../support/engine.js';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

const SEED = `_format_version: "1.0"
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com }
  - { email: bo@example.com }
`;
/** Two files that agree on the team and differ on who is in it. */
const fileFor = (member: string) => `_format_version: "1.0"
_info: { unlisted_users: ignore }
teams: [{ name: Shared }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ${member}, teams: [Shared] }
`;

function write(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-race-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

const teamsNamed = (org: { snapshot(): { teams: { name: string; id: string }[] } }, name: string) => org.snapshot().teams.filter((t) => t.name === name);

describe('concurrent syncs creating the same team', () => {
  it('leave one team, say so, and a later sync works', { timeout: 60_000 }, async () => {
    const { org, env } = await seededOrg(SEED, { latencyMs: 25 });
    const [a, b] = await Promise.all([runCli(['sync', '--yes', write(fileFor('ana@example.com'))], { env }), runCli(['sync', '--yes', write(fileFor('bo@example.com'))], { env })]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    // Both planned the team: the point of the test is that both tried to create it.
    expect(a.stdout).toContain('create team Shared');
    expect(b.stdout).toContain('create team Shared');
    expect(teamsNamed(org, 'Shared')).toHaveLength(1);
    expect(`${a.stdout}${b.stdout}`).toMatch(/Note: (Another sync created team "Shared" at the same time; kept that one|Team "Shared" appeared after orgdeck read the organization)/);
    const again = await runCli(['sync', '--yes', write(fileFor('ana@example.com'))], { env });
    expect(again.code, again.stderr).toBe(0);
    expect((await runCli(['diff', '--non-zero-exit-code', write(fileFor('ana@example.com'))], { env })).code).toBe(0);
  });

  it('when both create before either looks again, the newer copy is deleted by the run that made it', { timeout: 60_000 }, async () => {
    const { org } = await seededOrg(SEED);
    // Hold each run's POST /v3/teams until both have sent theirs: the interleaving that made duplicates.
    let arrived = 0;
    let release: () => void = () => {};
    const bothThere = new Promise<void>((r) => {
      release = r;
    });
    const wire = undiciTransport(4);
    const gated: Transport = async (req) => {
      if (req.method === 'POST' && req.url.endsWith('/v3/teams')) {
        if (++arrived === 2) release();
        await bothThere;
      }
      return wire(req);
    };
    const client = () => new KonnectClient({ addr: org.addr, token: TEST_TOKEN, transport: gated, parallelism: 4, timeoutMs: 10_000, retry: FAST_RETRY });
    const runs = await Promise.all(['ana@example.com', 'bo@example.com'].map(async (member) => {
      const desired = desiredFrom(fileFor(member));
      const c = client();
      const plan = buildPlan(desired, await fetchLiveState(c, scopeOf(desired)));
      const notes: string[] = [];
      const report = await applyPlan(plan, { client: c, userIds: new Map(), teamIds: new Map(), accountIds: new Map(), onNotice: (t) => notes.push(t) });
      return { report, notes };
    }));
    expect(arrived).toBe(2);
    const kept = teamsNamed(org, 'Shared');
    expect(kept).toHaveLength(1);
    const notes = runs.flatMap((r) => r.notes);
    expect(notes).toEqual([expect.stringMatching(new RegExp(`^Another sync created team "Shared" at the same time; kept that one \\(id ${kept[0]!.id}\\) and deleted the copy this run had just made \\(id [0-9a-f-]+\\)\\.$`))]);
    // Each run then added its member to the team that stayed.
    expect(runs.every((r) => r.report.results.every((s) => s.status === 'done' || s.status === 'already'))).toBe(true);
    const members = org.snapshot().team_users.filter((m) => m.team_id === kept[0]!.id).length;
    expect(members).toBe(2);
  });
});
