/**
 * Numbered scenario folders: test/scenarios/NNN-name/{live.yaml, desired.yaml, plan.txt[, meta.yaml]}.
 * live.yaml seeds a local org; the diff must print plan.txt; sync must apply it in one run;
 * a second diff must be empty; and dump of the live org followed by diff must be empty too.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type LocalOrg, type SeedDocument, startLocalOrg } from '../src/local-org/index.js';
import { expectGolden } from './support/golden.js';
import { runCli } from './support/io.js';

const DIR = join(import.meta.dirname, 'scenarios');
const scenarios = readdirSync(DIR).filter((d) => /^\d{3}-/.test(d)).sort();
const TOKEN = 'kpat_scenarioTOKEN0123456789';

interface Meta {
  /** diff's expected exit code (default 0); when not 0, plan.txt holds stdout+stderr and nothing is synced. */
  exit?: number;
  /** The clock of the CLI and the local org (ISO 8601); default the system's. */
  now?: string;
}

const orgs: LocalOrg[] = [];
afterEach(async () => {
  await Promise.all(orgs.splice(0).map((o) => o.stop()));
});

async function org(seed: SeedDocument, now?: Date): Promise<Record<string, string>> {
  const o = await startLocalOrg({ seed, token: TOKEN, ...(now ? { now: () => now } : {}) });
  orgs.push(o);
  return { KONNECT_ADDR: o.addr, KONNECT_TOKEN: TOKEN };
}

describe('scenarios', () => {
  it('has scenarios', () => expect(scenarios.length).toBeGreaterThan(0));

  for (const name of scenarios) {
    it(name, async () => {
      const dir = join(DIR, name);
      const seed = parse(readFileSync(join(dir, 'live.yaml'), 'utf8')) as SeedDocument;
      const meta: Meta = existsSync(join(dir, 'meta.yaml')) ? parse(readFileSync(join(dir, 'meta.yaml'), 'utf8')) : {};
      const desired = join(dir, 'desired.yaml');
      const now = meta.now ? new Date(meta.now) : undefined;
      const clock = now ? { now } : {};
      const env = await org(seed, now);

      const diff = await runCli(['diff', desired], { env, ...clock });
      const expectedExit = meta.exit ?? 0;
      const shown = expectedExit === 0 ? diff.stdout : diff.stdout + diff.stderr;
      expectGolden(join(dir, 'plan.txt'), shown.replaceAll(dir, '<scenario>'));
      expect(diff.code, diff.stderr).toBe(expectedExit);
      if (expectedExit !== 0) return;

      const sync = await runCli(['sync', '--yes', desired], { env, ...clock });
      expect(sync.code, sync.stdout + sync.stderr).toBe(0);
      const again = await runCli(['diff', '--non-zero-exit-code', desired], { env, ...clock });
      expect(again.stdout).toContain('No changes');
      expect(again.code).toBe(0);

      // dump → diff on the untouched live org shows nothing.
      const fresh = await org(seed, now);
      const dump = await runCli(['dump'], { env: fresh, ...clock });
      expect(dump.code, dump.stderr).toBe(0);
      const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-dump-')), 'dump.yaml');
      writeFileSync(file, dump.stdout);
      const roundTrip = await runCli(['diff', '--non-zero-exit-code', file], { env: fresh, ...clock });
      expect(roundTrip.stdout + roundTrip.stderr).toContain('No changes');
      expect(roundTrip.code).toBe(0);
    });
  }
});
