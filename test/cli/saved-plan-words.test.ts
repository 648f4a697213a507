/** What sync --plan says about the plan file itself: a folder given as the plan, a one-change plan already applied. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const LIVE = `_format_version: "1.0"
teams: [{ name: Platform }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
`;

describe('sync --plan, in words', () => {
  it('a folder given as the plan is called a folder, not a missing file', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'orgdeck-plan-words-')), 'plans');
    mkdirSync(dir);
    const r = await runCli(['sync', '--plan', dir, '--yes'], { env: {} });
    expect(r).toMatchObject({ code: 1, stderr: `Error: Cannot read the plan "${dir}": it is a folder. Give the plan's file, the one orgdeck diff --out PLAN.json wrote.\n` });
    const missing = await runCli(['sync', '--plan', join(dir, 'nope.json'), '--yes'], { env: {} });
    expect(missing.stderr).toContain('": no such file. Make one with orgdeck diff --out');
  });

  it('a state file given as the plan (YAML or JSON) is called one, and the way out never writes a plan over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-plan-state-'));
    const yaml = join(dir, 'org.yaml');
    const json = join(dir, 'org.json');
    writeFileSync(yaml, LIVE);
    writeFileSync(json, JSON.stringify({ _format_version: '1.0', users: [] }));
    for (const file of [yaml, json]) {
      const r = await runCli(['sync', '--plan', file, '--yes'], { env: {} });
      expect(r).toMatchObject({
        code: 1,
        stderr: `Error: "${file}" is a state file, not a saved plan; nothing was sent. Sync it with orgdeck sync ${file}, or save its plan with orgdeck diff ${file} --out plan.json and apply that with orgdeck sync --plan plan.json.\n`,
      });
      expect(r.stderr).not.toContain(`--out ${file}`);
    }
  });

  it('a plan of one change already applied says its one change is in place', async () => {
    const { env } = await seededOrg(LIVE);
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-plan-words-'));
    writeFileSync(join(dir, 'org.yaml'), LIVE.replace('{ name: Platform }', '{ name: Platform, description: Platform engineering }'));
    const out = join(dir, 'plan.json');
    expect((await runCli(['diff', join(dir, 'org.yaml'), '-o', out], { env })).code).toBe(0);
    expect((await runCli(['sync', '--plan', out, '--yes'], { env })).code).toBe(0);
    const again = await runCli(['sync', '--plan', out, '--yes'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/: already applied: nothing to do\. The 1 change of the plan made \S+ is in place in the organization\.\n$/);
  });
});
