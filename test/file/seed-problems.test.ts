/** A seed's problems read as validate's do: one per place, in line order. */
import { describe, expect, it } from 'vitest';
import { loadSeed } from '../../src/file/seed.js';

const source = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { name: 'seed.yaml', bytes, size: bytes.length };
};

describe('loadSeed problems', () => {
  it('come sorted by line, once per place, as validate reports them', () => {
    const seed = `_format_version: "1.0"
teams: [{ name: Platform }]
users:
  - email: ana@example.com
    teams: [{ name: Platform, expires: 20270101 }]
  - email: bruno@example.com
    teams: [{ name: Platform, expires: "" }]
  - email: chen@example.com
    teams: [{ name: Platform, expires: next week }]
`;
    const { seed: loaded, problems } = loadSeed(source(seed), {});
    expect(loaded).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.col} ${p.pointer} ${p.message.slice(0, 24)}`)).toEqual([
      '5:40 /users/0/teams/0/expires Must be a string, not a ',
      '7:40 /users/1/teams/0/expires Must not be empty.',
      '9:40 /users/2/teams/0/expires "next week" is not a dat',
    ]);
  });
});
