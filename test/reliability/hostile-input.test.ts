/** Every hostile or broken state file: exit 1, a file:line:col message, and zero API requests. */
import { mkdtempSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/file/source.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const dir = join(import.meta.dirname, '../fixtures/invalid');
const corpus = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));

/** Over the size cap: a sparse file (no disk, no time), refused before it is read. */
function overTheCap(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'huge.yaml');
  writeFileSync(file, '_format_version: "1.0"\nusers:\n  - email: someone@example.com\n');
  truncateSync(file, MAX_FILE_BYTES + 1);
  return file;
}

describe('hostile input is rejected before any API request', () => {
  it('has a corpus of at least 40 files', () => expect(corpus.length).toBeGreaterThanOrEqual(40));

  it('every file: exit 1, located messages, no request, no stack trace', async () => {
    const { org, env } = await seededOrg('_format_version: "1.0"\n');
    for (const file of [...corpus, overTheCap()]) {
      org.clearRequestLog();
      for (const command of [['sync', '--yes'], ['diff']]) {
        const r = await runCli([...command, file], { env });
        expect(r.code, file).toBe(1);
        expect(r.stdout, file).toBe('');
        expect(r.stderr, file).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+  /`, 'm'));
        expect(r.stderr, file).not.toMatch(/\n\s+at /);
      }
      expect(org.requestLog(), file).toEqual([]);
    }
  });
});
