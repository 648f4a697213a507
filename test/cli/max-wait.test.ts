/**
 * --max-wait end to end against the local org (issue 25, item 4): a rate-limit window longer
 * than the cap stops diff and sync at once, with a sentence giving the wait asked for and the
 * flag; sync reports what it applied and sends nothing more. The org's rate-limit clock counts
 * requests, so the limit falls at the same request however fast the machine is, and its window
 * of 3,600,000 "ms" still reads as RateLimit-Reset: 3600 on every answer.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bigOrg } from '../support/big-org.js';
import { desiredFrom, planOnce } from '../support/engine.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-max-wait-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

const { seed, desiredYaml } = bigOrg(30, 20, 4);

/** Requests a diff of this org makes: the reads. */
async function readsOfDiff(): Promise<number> {
  const { org } = await seededOrg(stringify(seed));
  await planOnce(org, desiredFrom(desiredYaml));
  return org.stats().requests;
}

describe('--max-wait', () => {
  it('takes whole seconds from 1 to 86400, and says so', async () => {
    const { env } = await seededOrg(stringify(seed));
    const f = file(desiredYaml);
    for (const bad of ['0', '86401', '1.5', 'soon', '1e3', '0x10']) {
      const r = await runCli(['diff', '--max-wait', bad, f], { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`--max-wait (or ORGDECK_MAX_WAIT) takes a whole number of seconds from 1 to 86400 (a day), not "${bad}". The default is 300.`);
    }
    expect((await runCli(['diff', '--max-wait', '86400', f], { env })).code).toBe(0);
  });

  for (const [name, windowMs, asked] of [
    ['an hour', 3_600_000, '3600'],
    ['2^31 ms and more', 2 ** 31 + 10_000, '2147494'],
  ] as const) {
    it(`a window of ${name}: sync stops before its next write, says what it applied and the wait asked for`, { timeout: 60_000 }, async () => {
      const reads = await readsOfDiff();
      let requests = 0;
      // Room for the reads and a handful of writes, then the window is spent.
      const limit = reads + 6;
      const { org, env } = await seededOrg(stringify(seed), { rateLimit: limit, rateLimitWindowMs: windowMs, rateLimitClock: () => requests++ });
      const t0 = performance.now();
      const r = await runCli(['sync', '--yes', '--force', '--parallelism', '4', file(desiredYaml)], { env });
      expect(performance.now() - t0).toBeLessThan(20_000);
      expect(r.code, r.stderr).toBe(1);
      const m = /^Stopped: (\d+) applied, (\d+) not started(?: \((\d+) failed, (\d+) skipped\))?\.$/m.exec(r.stdout);
      expect(m, r.stdout.slice(-400)).not.toBeNull();
      const [applied, notStarted, failed] = [Number(m![1]), Number(m![2]), Number(m![3] ?? 0)];
      expect(notStarted).toBeGreaterThan(0);
      expect(r.stderr).toMatch(new RegExp(`^Error: Konnect asked to wait ${asked} s \\((RateLimit-Reset|Retry-After)\\) before the next request, longer than --max-wait allows \\(300 s\\), so sync started no further step\\. Wait that long, or raise --max-wait to let orgdeck wait, then run sync again: it picks up where this run stopped\\.$`, 'm'));
      // Nothing was sent once the window was spent: at most the requests already in flight met a 429.
      const log = org.requestLog();
      expect(log.filter((e) => e.status === 429).length).toBeLessThanOrEqual(4);
      expect(log.length).toBeLessThanOrEqual(limit + 4);
      // Every write the org took is reported: applied, or failed saying it was sent (an invite
      // whose look-up was then refused).
      const writes = log.filter((e) => e.method !== 'GET' && e.status >= 200 && e.status < 300);
      expect(writes.length).toBeGreaterThan(0);
      expect(writes.length).toBeLessThanOrEqual(applied + failed);
      expect(new Set(r.stdout.match(/invite user \S+ failed: the invite was sent, but looking the new user up failed \(not sent: Konnect asked to wait/g)).size).toBe(failed);
    });
  }

  it('diff stops at once too, naming the wait and the flag', async () => {
    const reads = await readsOfDiff();
    let requests = 0;
    const { env } = await seededOrg(stringify(seed), { rateLimit: Math.floor(reads / 2), rateLimitWindowMs: 3_600_000, rateLimitClock: () => requests++ });
    const t0 = performance.now();
    const r = await runCli(['diff', '--max-wait', '600', file(desiredYaml)], { env });
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Konnect asked to wait 3600 s \((RateLimit-Reset|Retry-After)\) before the next request, longer than --max-wait allows \(600 s\)\. Wait that long, or raise --max-wait to let orgdeck wait\./);
  });
});
