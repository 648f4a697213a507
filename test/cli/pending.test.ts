/** Pending invitees: names the file gives them are not "matching", and many are one line unless --show-pending. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const OWNER = '  - { email: owner@example.com, teams: [Organization Admin] }\n';
const invitees = (n: number, extra = '') => Array.from({ length: n }, (_, i) => `  - { email: p${i}@example.com${extra} }\n`).join('');

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-pending-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

async function diff(liveUsers: string, desiredUsers: string, args: string[] = []) {
  const { env } = await seededOrg(`_format_version: "1.0"\nusers:\n${OWNER}${liveUsers}`);
  return runCli(['diff', ...args, file(`_format_version: "1.0"\nusers:\n${OWNER}${desiredUsers}`)], { env });
}

describe('a pending invitee whose names differ from the file', () => {
  it('is not "matches the file": the names are applied once the invitation is accepted', async () => {
    const r = await diff('  - { email: ana@example.com, status: pending }\n', '  - { email: ana@example.com, full_name: Ana Lima, preferred_name: Ana }\n', ['--non-zero-exit-code']);
    expect(r.stdout).toBe(
      'pending: ana@example.com has been invited and has not accepted yet (invited today); full_name "Ana Lima" and preferred_name "Ana" are applied once the invitation is accepted (by the next sync after that)\n' +
        "No changes to make now: the file's names for 1 pending invitee are applied once the invitation is accepted.\n" +
        'Summary: 0 to add, 0 to change, 0 to remove\n',
    );
    expect(r.code).toBe(0); // not drift: nothing sync could do now
  });

  it('whose names match, or are not managed, still matches the file', async () => {
    const r = await diff('  - { email: ana@example.com, status: pending }\n', '  - { email: ana@example.com }\n');
    expect(r.stdout).toBe('pending: ana@example.com has been invited and has not accepted yet (invited today)\nNo changes: the organization matches the file.\nSummary: 0 to add, 0 to change, 0 to remove\n');
  });

  it('is in the JSON plan as pending_names, valid against the plan schema', async () => {
    const r = await diff('  - { email: ana@example.com, status: pending }\n  - { email: bo@example.com, status: pending }\n', '  - { email: ana@example.com, full_name: Ana Lima }\n  - { email: bo@example.com }\n', ['--format', 'json']);
    const plan = JSON.parse(r.stdout);
    expect(new Ajv({ strict: true }).validate(planSchema, plan)).toBe(true);
    expect(plan.pending).toEqual(['ana@example.com', 'bo@example.com']);
    expect(plan.pending_names).toEqual([{ email: 'ana@example.com', before: { full_name: null }, after: { full_name: 'Ana Lima' } }]);
  });

  it('is said in the markdown too', async () => {
    const r = await diff('  - { email: ana@example.com, status: pending }\n', '  - { email: ana@example.com, full_name: Ana Lima }\n', ['--format', 'markdown']);
    expect(r.stdout).toContain('- `ana@example.com` has been invited and has not accepted yet (invited today); full_name "Ana Lima" is applied once the invitation is accepted');
    expect(r.stdout).not.toContain('matches the file');
  });
});

describe('many pending invitees', () => {
  it('up to 3 are listed one by one', async () => {
    const r = await diff(invitees(3, ', status: pending'), invitees(3));
    expect(r.stdout.match(/^pending: p\d@example\.com has been invited/gm)).toHaveLength(3);
  });

  it('more are one line with a count', async () => {
    const r = await diff(invitees(12, ', status: pending'), invitees(11) + '  - { email: p11@example.com, full_name: Eleven }\n');
    expect(r.stdout).toBe(
      'pending: 12 invited users have not accepted yet, 1 of them with names that are applied once they accept (--show-pending lists them)\n' +
        "No changes to make now: the file's names for 1 pending invitee are applied once the invitation is accepted.\n" +
        'Summary: 0 to add, 0 to change, 0 to remove\n',
    );
  });

  it('--show-pending lists them all, in diff and in sync --dry-run', async () => {
    const r = await diff(invitees(12, ', status: pending'), invitees(12), ['--show-pending']);
    expect(r.stdout.match(/^pending: p\d+@example\.com has been invited and has not accepted yet \(invited today\)$/gm)).toHaveLength(12);
    const { env } = await seededOrg(`_format_version: "1.0"\nusers:\n${OWNER}${invitees(5, ', status: pending')}`);
    const desired = file(`_format_version: "1.0"\nusers:\n${OWNER}${invitees(5)}`);
    expect((await runCli(['sync', '--dry-run', desired], { env })).stdout).toContain('pending: 5 invited users have not accepted yet (--show-pending lists them)\n');
    expect((await runCli(['sync', '--dry-run', '--show-pending', desired], { env })).stdout.match(/^pending: /gm)).toHaveLength(5);
  });

  it('markdown lists them all (the comment has its own size budget)', async () => {
    const r = await diff(invitees(4, ', status: pending'), invitees(4), ['--format', 'markdown']);
    expect(r.stdout.match(/^- `p\d@example\.com` has been invited and has not accepted yet/gm)).toHaveLength(4);
  });
});
