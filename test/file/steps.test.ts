/** The load in steps (steps.ts): the same result as in one go, with a chance to pause throughout. */
import { describe, expect, it } from 'vitest';
import { loadDesiredState, loadSteps } from '../../src/file/load.js';
import { simpleYamlSteps } from '../../src/file/simple-yaml.js';
import { sourceFromText } from '../../src/file/source.js';
import { drain, eachItem, ITEMS_PER_STEP, type Steps } from '../../src/file/steps.js';

function stateFile(users: number): string {
  const lines = ['_format_version: "1.0"', 'teams:', '  - name: Platform', 'users:'];
  for (let i = 0; i < users; i++) {
    // As dump writes it (block mappings): the fast path reads it, and pauses as it goes.
    lines.push(`  - email: user${i}@example.com`, '    teams: [Platform]', '    roles:', '      - role: Viewer', '        entity_type: Control Planes', "        entity: '*'");
  }
  return `${lines.join('\n')}\n`;
}

/** Drains `steps`, noting after how many items of work (users) each pause came. */
function pauses<T>(steps: Steps<T>): { value: T; count: number } {
  let count = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return { value: r.value, count };
    count++;
  }
}

describe('loadSteps', () => {
  it('gives the state loadDesiredState gives, pausing in every stage that goes through the users', () => {
    const users = 20 * ITEMS_PER_STEP;
    const source = sourceFromText('org.yaml', stateFile(users));
    const whole = loadDesiredState([source], {});
    const { value, count } = pauses(loadSteps([source], {}));
    expect(value.problems).toEqual([]);
    expect(JSON.stringify(value.state)).toBe(JSON.stringify(whole.state));
    expect(value.state?.users).toHaveLength(users);
    // Parse, grant rules, member rules, text check and normalize each pause once per ITEMS_PER_STEP users.
    expect(count).toBeGreaterThanOrEqual(5 * (users / ITEMS_PER_STEP) - 5);
  });

  it('finds the same problems as loadDesiredState, in the same order', () => {
    const text = stateFile(3 * ITEMS_PER_STEP).replace('user7@example.com', 'user8@example.com').replace('teams: [Platform]', 'teams: [Platfrom]');
    const source = sourceFromText('org.yaml', text);
    const stepped = drain(loadSteps([source], {}));
    expect(stepped.problems.length).toBe(2);
    expect(stepped).toEqual(loadDesiredState([source], {}));
  });
});

describe('simpleYamlSteps', () => {
  it('pauses while it splits lines, before any item is parsed', () => {
    // 10,000 comment lines and no item: only the line splitter can pause.
    const text = `${'# a comment\n'.repeat(10_000)}_format_version: "1.0"\n`;
    const { value, count } = pauses(simpleYamlSteps(text));
    expect(value).toEqual({ value: { _format_version: '1.0' } });
    expect(count).toBe(2);
  });
});

describe('eachItem', () => {
  it('pauses after every ITEMS_PER_STEP items and only then', () => {
    const seen: string[] = [];
    const steps = eachItem(
      Array.from({ length: 2 * ITEMS_PER_STEP + 1 }, (_, i) => i),
      (i) => seen.push(String(i)),
    );
    const at: number[] = [];
    while (!steps.next().done) at.push(seen.length);
    expect(at).toEqual([ITEMS_PER_STEP, 2 * ITEMS_PER_STEP]);
    expect(seen).toHaveLength(2 * ITEMS_PER_STEP + 1);
  });
});
