/** A folder of files each under the per-file cap, together over the total (issue 25, item 11). */
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MAX_TOTAL_BYTES } from '../../src/file/source.js';
import { runCli } from '../support/io.js';

describe('the state files of one run are capped in total', () => {
  it('seven files of 31 MiB stop with a sentence naming the cap, before any parsing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-'));
    for (let i = 1; i <= 7; i++) {
      const file = join(dir, `part${i}.yaml`);
      writeFileSync(file, `_format_version: "1.0"\nusers:\n  - email: someone${i}@example.com\n`);
      // Sparse: no disk, and each file is under the per-file cap.
      truncateSync(file, 31 * 1024 * 1024);
    }
    expect(31 * 1024 * 1024).toBeLessThan(MAX_FILE_BYTES);
    const r = await runCli(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`add up to more than ${MAX_TOTAL_BYTES / 1024 / 1024} MiB (62.0 MiB in the first 2 files, the last "${join(dir, 'part2.yaml')}")`);
    expect(r.stderr).not.toMatch(/\n\s+at |Internal error/);
  });

  it('files that add up to less are read as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-'));
    writeFileSync(join(dir, 'a.yaml'), '_format_version: "1.0"\nusers:\n  - email: a@example.com\n');
    writeFileSync(join(dir, 'b.yaml'), '_format_version: "1.0"\nusers:\n  - email: b@example.com\n');
    const r = await runCli(['validate', dir]);
    expect(r.code, r.stderr).toBe(0);
  });
});
