/** `npm start` — the main job on the embedded org — runs through and ends with an empty diff. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/readme.js';

describe('npm start', () => {
  it('diffs, syncs, accepts an invite, syncs again and ends clean, on 127.0.0.1 only', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'dist/cmd/demo.js')], { cwd: '/', env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
    const steps = [...out.matchAll(/^== (\d)\./gm)].map((m) => m[1]);
    expect(steps).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(out).toMatch(/A local Konnect-compatible org is running at http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('(exit code 2: drift)');
    expect(out).toContain('Done: 22 applied (0 were already in place), 0 failed, 0 skipped.');
    expect(out).toContain('update user hana@example.com');
    expect(out.trimEnd().endsWith('(exit code 0: the organization matches the file)')).toBe(true);
  });
});
