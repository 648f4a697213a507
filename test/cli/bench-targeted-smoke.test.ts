/** The targeted-plan benchmark's machinery at a small size: both pull requests plan, targeted, in fewer requests than a full read. Counts only, no timing. */
import { describe, expect, it } from 'vitest';
import { benchTargeted } from '../bench/org10k-targeted.js';

describe('the targeted-plan benchmark, at 400 users', () => {
  it('plans both pull requests targeted, the small one within 60 requests', { timeout: 120_000 }, async () => {
    const r = await benchTargeted(400, 20);
    expect(r.problems).toEqual([]);
    expect(r.text).toMatch(/1 added, 3 changed, 1 team grant moved +\d+ +[\d.]+ +[\d.-]+ +7 +targeted: 4 people, 1 team read; the rest of the org was not checked/);
    expect(r.text).toMatch(/small PR: \d+ requests \(target ≤ 60\): met/);
    expect(r.text).toMatch(/20-people PR: \d+ requests, a full read at least \d+ \(target: fewer\): met/);
  });
});
