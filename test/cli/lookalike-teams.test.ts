/** Team names that read like a live team's, from another script or in full-width forms (issue 25, item 10). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const LIVE = `_format_version: "1.0"
teams: [{ name: Platform }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: bo@example.com, teams: [Platform] }
`;

function file(teams: string[], extra = ''): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
  const list = teams.map((t) => `"${t}"`).join(', ');
  writeFileSync(path, `_format_version: "1.0"\nteams: [${teams.map((t) => `{ name: "${t}" }`).join(', ')}]\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n  - { email: bo@example.com, teams: [${list}] }\n${extra}`);
  return path;
}

const FULL_WIDTH = '\uff30latform';
const CYRILLIC = '\u041erganization Admin';

describe('look-alike team names', () => {
  it('validate refuses a custom team spelt like "Organization Admin" with a Cyrillic О, naming the character', async () => {
    const r = await runCli(['validate', file([CYRILLIC])]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Team "${CYRILLIC}" looks like the predefined team "Organization Admin" but is spelt with look-alike characters ("\u041e" (U+041E CYRILLIC CAPITAL LETTER O) for "O")`);
  });

  it('validate refuses "Ｐlatform" beside "Platform"', async () => {
    const r = await runCli(['validate', file(['Platform', FULL_WIDTH])]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Team "${FULL_WIDTH}" differs from "Platform"`);
    expect(r.stderr).toContain('(U+FF30, a compatibility form of "P")');
  });

  it('validate --online refuses "Ｐlatform" against the live "Platform", even when the file drops "Platform"', async () => {
    const { org, env } = await seededOrg(LIVE);
    const id = org.snapshot().teams.find((t) => t.name === 'Platform')!.id;
    const r = await runCli(['validate', '--online', file([FULL_WIDTH])], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Team "${FULL_WIDTH}" differs from the live team "Platform" (id ${id}) in look-alike characters ("\uff30" (U+FF30, a compatibility form of "P"))`);
  });

  it('diff carries a refusal no flag overrides, and sync creates nothing', async () => {
    const { org, env } = await seededOrg(LIVE);
    const f = file([FULL_WIDTH]);
    const d = await runCli(['diff', '--format', 'json', f], { env });
    const plan = JSON.parse(d.stdout);
    expect(plan.refusals).toEqual([{ guard: 'lookalike-team-name', overridable: false, message: expect.stringContaining(`Team "${FULL_WIDTH}" differs from the live team "Platform"`) }]);
    const s = await runCli(['sync', '--force', f], { env });
    expect(s.code).toBe(3);
    expect(org.snapshot().teams.map((t) => t.name)).not.toContain(FULL_WIDTH);
  });

  it('diff refuses even a case-only look-alike of a live team orgdeck does not manage, since that team stays', async () => {
    const { env } = await seededOrg(LIVE);
    const f = file(['platform'], '_info: { select_team_labels: { managed: "yes" } }\n');
    const plan = JSON.parse((await runCli(['diff', '--format', 'json', f], { env })).stdout);
    expect(plan.refusals.map((r: { message: string }) => r.message)).toEqual([expect.stringMatching(/^Team "platform" differs from the live team "Platform" \(id [^)]+\) only in letter case: Konnect would keep two teams/)]);
  });

  it('a rename that only changes letter case is still a rename', async () => {
    const { env } = await seededOrg(LIVE);
    const d = await runCli(['diff', '--format', 'json', file(['platform'])], { env });
    expect(JSON.parse(d.stdout).refusals).toEqual([]);
  });
});
