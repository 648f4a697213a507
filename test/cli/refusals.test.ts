/** Refusals are part of the plan: every format shows them, diff --non-zero-exit-code exits 3 for them. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const validatePlan = new Ajv({ strict: true }).compile(planSchema);

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

const OWNER = '  - { email: owner@example.com, teams: [Organization Admin] }';
const ELEVEN = Array.from({ length: 11 }, (_, i) => `  - { email: u${i}@example.com }`).join('\n');
const MASS = `_format_version: "1.0"\nusers:\n${OWNER}\n${ELEVEN}\n`;
const KEEP_OWNER = `_format_version: "1.0"\nusers:\n${OWNER}\n`;
const MASS_MESSAGE = 'The plan deletes 11 of 12 users (91.7%), over the 25% limit for mass deletion (more than 3; _info.guards sets both).';

async function twoPlatformTeams() {
  const seeded = await seededOrg(`_format_version: "1.0"\nteams: [{ name: Platform }]\nusers:\n${OWNER}\n`);
  const res = await fetch(`${seeded.org.baseUrl}/global/v3/teams`, {
    method: 'POST',
    headers: { authorization: `Bearer ${seeded.env.KONNECT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Platform' }),
  });
  expect(res.status).toBe(201);
  return seeded;
}

describe('refusals in every rendering of the plan', () => {
  it('text: after the summary; diff --non-zero-exit-code exits 3, without the flag 0', async () => {
    const { env } = await seededOrg(MASS);
    const f = file(KEEP_OWNER);
    const r = await runCli(['diff', '--non-zero-exit-code', f], { env });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(new RegExp(`Summary: 0 to add, 0 to change, 11 to remove\\nSync would refuse this plan \\(exit 3\\) and change nothing:\\n {2}- ${MASS_MESSAGE.replace(/[.()%]/g, '\\$&')}`));
    expect(r.stdout + r.stderr).not.toContain('nothing was changed');
    expect((await runCli(['diff', f], { env })).code).toBe(0);
  });

  it('json: refusals: [{guard, message, overridable}], valid against the schema; exit 3', async () => {
    const { env } = await seededOrg(MASS);
    const r = await runCli(['diff', '--format', 'json', '--non-zero-exit-code', file(KEEP_OWNER)], { env });
    expect(r.code).toBe(3);
    const plan = JSON.parse(r.stdout);
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(plan.refusals).toEqual([{ guard: 'mass-deletion', overridable: true, message: expect.stringContaining(MASS_MESSAGE) }]);
    expect(r.stderr).toContain('Warning: sync would refuse this plan (exit 3):');
  });

  it('markdown: at the top, after the marker and the summary; exit 3', async () => {
    const { env } = await seededOrg(MASS);
    const r = await runCli(['diff', '--format', 'markdown', '--non-zero-exit-code', file(KEEP_OWNER)], { env });
    expect(r.code).toBe(3);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('<!-- orgdeck:plan -->');
    const refusedAt = lines.findIndex((l) => l.includes('Sync would refuse this plan (exit 3)'));
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt).toBeLessThan(lines.findIndex((l) => l.includes('u0@example.com')));
    expect(r.stdout).toContain(`> - ${MASS_MESSAGE}`);
    expect(r.stdout).toContain('_(mass-deletion; --force overrides)_');
  });

  it('duplicate team names: diff renders the plan in every format with the refusal, exit 3 only when asked', async () => {
    const { env } = await twoPlatformTeams();
    const f = file(`_format_version: "1.0"\nteams: [{ name: Platform, description: New }]\nusers:\n${OWNER}\n`);
    const json = await runCli(['diff', '--format', 'json', '--non-zero-exit-code', f], { env });
    expect(json.code).toBe(3);
    const plan = JSON.parse(json.stdout);
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(plan.refusals).toEqual([{ guard: 'duplicate-team-name', overridable: false, message: expect.stringMatching(/^Konnect has 2 teams named "Platform"/) }]);
    expect(plan.changes.map((c: { key: string }) => c.key)).toEqual(['Platform']);
    const text = await runCli(['diff', f], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('update team Platform');
    expect(text.stdout).toContain('Konnect has 2 teams named "Platform"');
    expect(text.stdout + text.stderr).not.toContain('nothing was changed');
    const md = await runCli(['diff', '--format', 'markdown', f], { env });
    expect(md.stdout).toContain('_(duplicate-team-name; no flag overrides)_');
  });

  it('no drift and no refusal exits 0 with --non-zero-exit-code', async () => {
    const { env } = await seededOrg(KEEP_OWNER);
    expect((await runCli(['diff', '--non-zero-exit-code', file(KEEP_OWNER)], { env })).code).toBe(0);
  });

  it('sync refuses with exit 3 exactly when the plan carries a standing refusal, and --force lifts only overridable ones', async () => {
    const { env, org } = await twoPlatformTeams();
    const before = org.snapshot();
    const f = file(`_format_version: "1.0"\nteams: [{ name: Platform, description: New }]\nusers:\n${OWNER}\n`);
    const r = await runCli(['sync', '--yes', '--force', f], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^Refused: nothing was changed\.\n {2}- Konnect has 2 teams named "Platform"/);
    expect(org.snapshot()).toEqual(before);
  });

  it('sync --dry-run --force shows the plan as that sync would run it: no refusal --force lifts, which it names on stderr', async () => {
    const { env } = await seededOrg(MASS);
    const r = await runCli(['sync', '--dry-run', '--force', file(KEEP_OWNER)], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('Sync would refuse');
    expect(r.stderr).toContain(`--force: sync would apply this plan past 1 guard it overrides:\n  - ${MASS_MESSAGE}`);
    const without = await runCli(['sync', '--dry-run', file(KEEP_OWNER)], { env });
    expect(without.code).toBe(3);
    expect(without.stdout).toContain('Sync would refuse this plan (exit 3)');
  });

  it('sync --force on a terminal asks about the plan it runs: no "would refuse" above the question, the overridden guard named', async () => {
    const { env, org } = await seededOrg(MASS);
    const before = org.snapshot();
    const r = await runCli(['sync', '--force', file(KEEP_OWNER)], { env, isTTY: true, answer: false });
    expect(r.questions).toEqual(['Apply 11 changes, 11 of them deletions?']);
    expect(r.stdout).not.toContain('Sync would refuse');
    expect(r.stderr).toContain(`--force: sync applies this plan past 1 guard it overrides:\n  - ${MASS_MESSAGE}`);
    expect(org.snapshot()).toEqual(before);
  });
});
