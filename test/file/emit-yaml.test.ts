/** What dump writes reads back as the same data, through the yaml library and the fast path. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitYaml } from '../../src/file/emit-yaml.js';
import { parseSimpleYaml } from '../../src/file/simple-yaml.js';
import { mulberry32 } from '../../src/local-org/http/faults.js';
import { generateBigOrg } from '../bench/org10k.js';

const TRICKY = [
  'plain', 'two  spaces', '', ' lead', 'trail ', 'yes', 'no', 'true', 'False', 'null', '~', '0', '007', '1.0', '1e3', '-5', '+5', '.5',
  '.inf', '0x1F', '*', '&a', '!t', '[a]', '{a}', 'a, b', 'a: b', 'a:', 'a #b', 'a#b', '#c', '-', '- x', '? q', '%p', '@x', '`x`',
  "it's", 'say "hi"', 'back\\slash', 'line\nbreak', 'tab\there', '\u0007bell', 'é 漢字 🚀', 'zero\u200bwidth', '\ufeffbom',
  'user@example.com', 'Organization Admin (Read Only)', '|', '>', 'a\r\nb', '9d3c0f9e-1111-4222-8333-444444444444', '1-2', '1.2.3',
  '0o17', '0b1', '1_000', '12:30', '2026-11-27', '1e', '1.', '+.5', '-.inf', '.NaN', '0x', '0xG',
];

describe('emitYaml', () => {
  it('writes what the yaml library reads back as the same data, for every tricky string as key and value', () => {
    const doc = {
      values: TRICKY,
      keys: Object.fromEntries(TRICKY.map((s, i) => [s, i])),
      nested: [{ a: [], b: {}, c: null, d: true, e: 12, f: [[1, 'x'], []] }, [], {}, [{ x: [{ y: 'z' }] }]],
    };
    expect(parse(emitYaml(doc))).toEqual(doc);
  });

  it('round-trips 2,000 random documents', () => {
    const random = mulberry32(5);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.5) return pick([...TRICKY, 1, 0, true, false, null]);
      if (r < 0.75) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 3) }, () => [pick(TRICKY), value(depth + 1)]));
    };
    for (let i = 0; i < 2000; i++) {
      const doc = { root: value(0) };
      expect(parse(emitYaml(doc)), emitYaml(doc)).toEqual(doc);
    }
  });

  it('a dump-shaped org reads back through the fast path', () => {
    const org = generateBigOrg(200);
    const doc = { _format_version: '1.0', teams: org.teams, users: org.users };
    const text = emitYaml(doc);
    expect(parseSimpleYaml(text)?.value).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(text).toContain('_format_version: "1.0"\nteams:\n  - name: team-0000\n');
  });
});
