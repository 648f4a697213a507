/** serve --seed takes one document: a folder of several state files is refused, not cut to its first file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';

describe('serve --seed of a folder', () => {
  it('refuses several files with a sentence naming one to give, before listening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-seed-dir-'));
    writeFileSync(join(dir, 'a.yaml'), '_format_version: "1.0"\nteams: [{ name: Platform }]\n');
    writeFileSync(join(dir, 'b.yaml'), '_format_version: "1.0"\nusers: [{ email: ana@example.com, teams: [Platform] }]\n');
    const r = await runCli(['serve', '--port', '0', '--seed', dir], { env: {} });
    expect(r).toMatchObject({ code: 1, stderr: `Error: --seed takes one file, and "${dir}" is a folder of 2 state files. Give one of them, e.g. --seed ${join(dir, 'a.yaml')}.\n` });
  });
});
