/**
 * An output file never replaces what the command reads: diff and sync, like report, refuse an
 * -o (or ORGDECK_OUTPUT_FILE) that names one of their state files or lands in a state folder, and
 * every command refuses a folder as its output file before reading anything.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';

const STATE = `_format_version: "1.0"
users:
  - { email: ana@example.com, teams: [] }
`;

function stateFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'orgdeck-out-in-'));
  writeFileSync(join(dir, 'org.yaml'), STATE);
  return dir;
}

describe('an output file that is an input', () => {
  it('diff refuses -o naming the state file it reads, before any request, and leaves the file alone', async () => {
    const file = join(stateFolder(), 'org.yaml');
    const r = await runCli(['diff', file, '-o', file], { env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is also a state file diff reads: it would be replaced by the plan. Write the plan to another file.');
    expect(readFileSync(file, 'utf8')).toBe(STATE);
  });

  it('diff refuses ORGDECK_OUTPUT_FILE set for another command when it names the state file, however spelled', async () => {
    const dir = stateFolder();
    symlinkSync(join(dir, 'org.yaml'), join(dir, 'link.yaml'));
    const r = await runCli(['diff', join(dir, 'link.yaml')], { env: { ORGDECK_OUTPUT_FILE: join(dir, '.', 'org.yaml') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is also a state file diff reads');
    expect(readFileSync(join(dir, 'org.yaml'), 'utf8')).toBe(STATE);
  });

  it('sync refuses -o naming its state file', async () => {
    const file = join(stateFolder(), 'org.yaml');
    const r = await runCli(['sync', '--dry-run', file, '--output-file', file], { env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is also a state file sync reads');
    expect(readFileSync(file, 'utf8')).toBe(STATE);
  });

  it('diff refuses a plan written into the state folder it reads, which the next run would read as a state file', async () => {
    const dir = stateFolder();
    const r = await runCli(['diff', dir, '-o', join(dir, 'plans', 'plan.json')], { env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is inside the state folder');
    expect(r.stderr).toContain('Write it outside that folder.');
  });

  it('a folder as the output file is refused up front, not after reading the organization or with "pass --yes"', async () => {
    const dir = stateFolder();
    const out = join(dir, 'out');
    mkdirSync(out);
    for (const argv of [['dump', '-o', out, '--yes'], ['report', '-o', out], ['diff', join(dir, 'org.yaml'), '-o', out]]) {
      const r = await runCli(argv, { env: {} });
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr, argv.join(' ')).toContain(`"${out}": it is a folder. Give a file name.`);
    }
  });
});
