/**
 * The org-10k benchmark's machinery at a small size, as a smoke test in CI: every case runs as
 * whole processes against `orgdeck serve` and yields its line. Counts only, no timing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, prepare, runCase, runRoundTrip, runValidate } from '../bench/org10k-cases.js';

const fixture = prepare(120);
afterAll(() => cleanUp(fixture));

describe('the org-10k benchmark, at 120 users', () => {
  it('dump sends the API minimum plus the five reads a dump makes besides (the user, the organization, authentication settings, identity providers, system accounts)', { timeout: 120_000 }, async () => {
    const l = await runCase(fixture, 'dump', 'latency');
    expect(l.exit, l.error).toBe(0);
    expect(l.requests! - l.api_minimum!).toBe(5);
    expect(l.answers_429).toBe(0);
  });

  it('a diff against 5% drift reads the same; the baseline client reads what dump reads', { timeout: 120_000 }, async () => {
    const diff = await runCase(fixture, 'diff-5%-drift', 'latency');
    const baseline = await runCase(fixture, 'baseline-dump', 'latency');
    expect(diff.exit, diff.error).toBe(0);
    expect(diff.requests! - diff.api_minimum!).toBe(3);
    expect(baseline.exit, baseline.error).toBe(0);
    // The baseline skips the control-plane lists (two regions) and the two extra reads.
    expect(baseline.requests).toBe(baseline.api_minimum! - 2);
  });

  it('sync applies every change of its plan, and its line says how many', { timeout: 120_000 }, async () => {
    const l = await runCase(fixture, 'sync-2000-changes', 'latency');
    expect(l.exit, l.error).toBe(0);
    expect(l.changes).toBeGreaterThan(10);
    expect(l.requests).toBeGreaterThanOrEqual(l.api_minimum!);
    for (const key of ['requests', 'api_minimum', 'requests_ratio', 'answers_429', 'wall_s', 'bound_s', 'wall_ratio']) expect(l).toHaveProperty(key);
  });

  it('the round trip: an org is dumped, and the dump validates and diffs against it with no changes', { timeout: 120_000 }, async () => {
    const lines = await runRoundTrip(fixture.dir, 200);
    // The org's 200 users and its owner are all in the dump that then diffs clean.
    expect(lines[0]?.users_in_file).toBe(201);
    expect(lines.map((l) => [l.case, l.users, l.exit, l.error])).toEqual([
      ['round-trip-dump', 200, 0, undefined],
      ['round-trip-validate', 200, 0, undefined],
      ['round-trip-diff', 200, 0, undefined],
    ]);
  });

  it('validate loads the benchmark\'s state file', { timeout: 60_000 }, async () => {
    const l = await runValidate(fixture.desiredFile, 120);
    expect(l.exit, l.error).toBe(0);
  });
});
