/** diff and sync hand the state files they parsed to collectParseGarbage before reading the org. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { COLLECT_FROM_BYTES, collectParseGarbage } from '../../cmd/parse-garbage.js';
import type { Source } from '../../src/file/source.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

vi.mock('../../cmd/parse-garbage.js', async (actual) => ({ ...(await actual<typeof import('../../cmd/parse-garbage.js')>()), collectParseGarbage: vi.fn(() => true) }));

const SEED = '_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n';

describe('a diff of a large state file', () => {
  it('collects the parse garbage once, with the files it read, before any request', async () => {
    const { org, env } = await seededOrg(SEED);
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-garbage-')), 'orgdeck.yaml');
    // A comment as large as the threshold: the size on disk is what counts.
    writeFileSync(file, `${SEED}# ${'x'.repeat(COLLECT_FROM_BYTES)}\n`);
    const requestsWhenCollected: number[] = [];
    vi.mocked(collectParseGarbage).mockImplementation((sources: readonly Source[]) => {
      requestsWhenCollected.push(org.stats().requests);
      expect(sources.map((s) => s.size)).toEqual([COLLECT_FROM_BYTES + SEED.length + 3]);
      return true;
    });
    expect((await runCli(['diff', file], { env })).code).toBe(0);
    expect(requestsWhenCollected).toEqual([0]);
    expect((await runCli(['sync', '--yes', file], { env })).code).toBe(0);
    expect(requestsWhenCollected).toHaveLength(2);
  });
});
