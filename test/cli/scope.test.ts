/** Nothing outside the file's scope is read beyond the lists that name it, nor changed. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';
import { SCOPED_DESIRED, SCOPED_LIVE } from '../support/scoped-org.js';

describe('scope', () => {
  it('never reads the roles of unlisted users or the members and roles of teams that are not orgdeck\'s', async () => {
    const { org, env } = await seededOrg(SCOPED_LIVE);
    const ids = org.snapshot();
    const stranger = ids.users.find((u) => u.email === 'stranger@example.com')!.id;
    const theirs = ids.teams.find((t) => t.name === 'Theirs')!.id;
    const before = JSON.stringify(ids);
    org.clearRequestLog();
    const r = await runCli(['sync', '--yes', '-'], { env, stdin: SCOPED_DESIRED });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const paths = org.requestLog().map((e) => `${e.method} ${e.path}`);
    expect(paths.filter((p) => p.includes(stranger) || p.includes(theirs))).toEqual([]);
    expect(paths.filter((p) => !p.startsWith('GET'))).toEqual([expect.stringMatching(/^POST \/global\/v3\/teams\/[0-9a-f-]+\/users$/)]);
    const after = org.snapshot();
    const strangerAfter = (d: typeof after) => ({
      teams: d.team_users.filter((m) => m.user_id === stranger),
      roles: d.assigned_roles.filter((x) => x.principal_id === stranger || x.principal_id === theirs),
    });
    expect(strangerAfter(after)).toEqual(strangerAfter(JSON.parse(before)));
  });
});
