import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { loadDesiredState } from '../../src/file/load.js';
import { expectGolden } from '../support/golden.js';

const dir = join(import.meta.dirname, '../fixtures/invalid');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('one fixture per invalid-file rule, with golden output', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(45));

  for (const name of fixtures) {
    it(name, () => {
      const bytes = readFileSync(join(dir, name));
      const result = loadDesiredState([{ name: `fixtures/${name}`, bytes, size: bytes.length }], { ORGDECK_NAME: 'Ana' });
      expect(result.state).toBeUndefined();
      expect(result.problems.length).toBeGreaterThan(0);
      const lines = result.problems.map(formatProblem);
      for (const line of lines) expect(line).toMatch(/^fixtures\/[\w-]+\.yaml:\d+:\d+ {2}\/.* {2}\S/);
      expectGolden(join(dir, name.replace(/\.yaml$/, '.expected')), `${lines.join('\n')}\n`);
    });
  }

  it('reports all five mistakes of a file with five, each located', () => {
    const bytes = readFileSync(join(dir, 'five-mistakes.yaml'));
    const { problems } = loadDesiredState([{ name: 'f.yaml', bytes, size: bytes.length }], {});
    expect(problems.map((p) => [p.line, p.pointer])).toEqual([
      [5, '/teams/0/roles/0/role'],
      [11, '/users/0/teams/0'],
      [12, '/users/1/email'],
      [13, '/users/1/fullname'],
      [17, '/users/2/roles/0/entity_type'],
    ]);
  });
});
