/**
 * Konnect going down mid-sync (every request answered 503 from some point on): sync stops
 * starting steps and reports, instead of retrying each remaining step six times. And a refused
 * connection is never retried in silence on a terminal (the progress line renders the client's
 * retry events). Counted in requests, not seconds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bigOrg } from '../support/big-org.js';
import { closedPort } from '../support/closed-port.js';
import { desiredFrom, planOnce } from '../support/engine.js';
import { failingProxy, OUTAGE } from '../support/failing-proxy.js';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

const PARALLELISM = 4;

describe('an outage during sync', () => {
  it('stops starting steps after 12 failures in a row and says what was applied and what was not started', { timeout: 60_000 }, async () => {
    const { seed, desiredYaml } = bigOrg(60, 30, 4);
    const { org } = await seededOrg(stringify(seed));
    const total = (await planOnce(org, desiredFrom(desiredYaml))).changes.length;
    let writesPassed = 0;
    let refused = 0;
    const addr = await failingProxy(org.baseUrl, (method) => {
      if (writesPassed >= 10) {
        refused++;
        return OUTAGE;
      }
      if (method !== 'GET') writesPassed++;
      return undefined;
    });
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-outage-')), 'org.yaml');
    writeFileSync(file, desiredYaml);
    const r = await runCli(['sync', '--yes', '--force', '--parallelism', String(PARALLELISM), file], { env: { KONNECT_ADDR: addr, KONNECT_TOKEN: TEST_TOKEN } });
    expect(r.code).toBe(1);
    const m = /^Stopped: (\d+) applied, (\d+) not started \((\d+) failed, (\d+) skipped\)\.$/m.exec(r.stdout);
    expect(m, r.stdout.slice(-300) + r.stderr).not.toBeNull();
    const [applied, notStarted, failed, skipped] = [1, 2, 3, 4].map((i) => Number(m![i])) as [number, number, number, number];
    // 10 writes reached the org; an invite whose look-up then failed is reported failed, saying the invite went out.
    expect(applied).toBeLessThanOrEqual(10);
    expect(applied + failed).toBeGreaterThanOrEqual(10);
    // Steps fail after a try or two, never six: the breaker ends the retries.
    expect(r.stdout).not.toMatch(/gave up after \d+ tries/);
    expect(notStarted).toBeGreaterThan(total / 2);
    expect(applied + notStarted + failed + skipped).toBe(total);
    // Twelve failures in a row open the breaker. Only requests in flight add to them: those sent
    // before the outage (whose answers may come between the first 503s and restart the count)
    // and those sent before the breaker opened. Without it: up to 6 tries for each remaining step.
    expect(refused).toBeGreaterThanOrEqual(12);
    expect(refused).toBeLessThanOrEqual(12 + 2 * PARALLELISM);
    expect(r.stderr).toMatch(/^Error: 12 requests in a row failed \(the last: \w+ \/v3\/[^:]+: status 503\), so sync started no further step\. Check the network and Konnect's status \(requests went to the address template http:\/\/127\.0\.0\.1:\d+\/\{region\}\), then run sync again: it picks up where this run stopped\.$/m);
  });
});

describe('retries on a terminal', () => {
  it('a refused connection is retried visibly on the progress line, then the breaker ends it', { timeout: 60_000 }, async () => {
    const env = { KONNECT_ADDR: `http://127.0.0.1:${await closedPort()}/{region}`, KONNECT_TOKEN: TEST_TOKEN };
    const file = join(mkdtempSync(join(tmpdir(), 'orgdeck-refused-')), 'org.yaml');
    writeFileSync(file, '_format_version: "1.0"\nusers: [{ email: owner@example.com }]\n');
    const tty = await runCli(['diff', file], { env, stderrIsTTY: true });
    expect(tty.code).toBe(1);
    // The progress line (redrawn in place) says what is retried, and why.
    expect(tty.stderr).toMatch(/\r\u001b\[2Kretrying GET \/v3\/[\w/-]+ \(the connection was refused\), try 2/);
    expect(tty.stderr).toMatch(/Error: GET \/v3\/[\w/-]+ failed: the connection was refused — not retried: 12 requests in a row failed \(the last: GET \/v3\/[\w/-]+: the connection was refused\)\. Check the network and the Konnect address\./);
    expect(tty.stderr).not.toContain(TEST_TOKEN);
    // --quiet, or a log where the line comes every 10 s at most: the same error, soon.
    const quiet = await runCli(['diff', '--quiet', file], { env, stderrIsTTY: true });
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).not.toContain('retrying');
    expect(quiet.stderr).toMatch(/not retried: 12 requests in a row failed/);
  });
});
