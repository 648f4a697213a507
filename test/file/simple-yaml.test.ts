/**
 * The fast YAML path gives what the yaml library gives, or steps aside: for every YAML file in
 * the repository, the benchmark's generated orgs and thousands of generated tricky documents,
 * a value from the fast path equals the library's; and state files as dump writes them do take it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { mulberry32 } from '../../src/local-org/http/faults.js';
import { parseSimpleYaml } from '../../src/file/simple-yaml.js';
import { bigOrgYaml, generateBigOrg } from '../bench/org10k.js';

const ROOT = join(import.meta.dirname, '../..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (f === 'node_modules' || f.startsWith('.') || f === 'dist') return [];
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

/** What the loader's full path would read, or undefined when the library reports a problem. */
function library(text: string): { value: unknown } | undefined {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length || doc.warnings.length) return undefined;
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return undefined;
  }
}

function agrees(text: string): 'fast' | 'fallback' {
  const fast = parseSimpleYaml(text);
  if (!fast) return 'fallback';
  const full = library(text);
  expect(full, `the library refuses what the fast path read:\n${text}`).toBeDefined();
  expect(fast.value, text).toEqual(full!.value);
  return 'fast';
}

describe('parseSimpleYaml', () => {
  it('agrees with the yaml library on every YAML file in the repository', () => {
    const files = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test'))];
    expect(files.length).toBeGreaterThan(60);
    const taken = files.filter((f) => agrees(readFileSync(f, 'utf8').replace(/^\uFEFF/, '')) === 'fast');
    expect(taken.length).toBeGreaterThan(20);
  });

  it('reads state files as orgdeck dump writes them (and the benchmark generates them)', () => {
    const text = bigOrgYaml(generateBigOrg(300));
    expect(agrees(text)).toBe('fast');
    expect(agrees(readFileSync(join(ROOT, 'examples/org.yaml'), 'utf8'))).toBe('fast');
  });

  it('reads past any number of comment lines', () => {
    const text = `${'# a comment\n'.repeat(10_000)}_format_version: "1.0"\n`;
    expect(parseSimpleYaml(text)).toEqual({ value: { _format_version: '1.0' } });
  });

  it('steps aside for what it does not read', () => {
    const aside = [
      'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |\n  text\n', 'a: "esc\\n"\n', 
      'a: b\na: c\n', 'a:\n\tb: 1\n', 'a: [1, [2]]\n', 'a: [x, ]\n', 'a: 1\r\n', 'a: 1.5\n', 'a: 0x1f\n', 'a: -1\n', 'a: .inf\n',
      'a: ${{ env "ORGDECK_X" }}\n', '--- \na: 1\n', 'a: b\n  c\n', 'just a scalar\n', '- - x\n', '? a\n: b\n',
      '<<: {a: 1}\n', 'a: "x" # c\n', "a: 'it''s'\n", 'a: b: c\n',
    ];
    for (const text of aside) expect(parseSimpleYaml(text), text).toBeUndefined();
  });

  it('agrees on 3,000 generated documents made of tricky scalars, keys and layouts', () => {
    const random = mulberry32(12);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const scalars = [
      'plain', 'two words', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', 'TRUE', 'null', 'Null', '~', '', '0', '007', '12',
      '1.0', '1e3', '-5', '+5', '.5', '0o17', '0x1F', '.inf', '-.Inf', '.nan', '"quoted"', "'single'", '"with # hash"', '"a: b"',
      '"*"', '*', '&a', '!tag', '[]', '{}', '[a]', '{a: 1}', 'a#b', 'a #b', 'a: b', 'x:', ':x', '-x', '- x', '@x', '`x`', '%x',
      'é ü 漢字', 'a\u200bb', 'nbsp\u00a0', '[\u00a0a, b ]', '\u00a0lead', 'x #c', 'x   # c', '"q"   ', "'q'x", '"a\\"b"', 'a\u00a0#b', 'back\\slash', 'say "hi"', "it's", 'trailing   ', '"unterminated', "''", '""', '123456789012345678',
      '2fa', '9d3c0f9e-1111-4222-8333-444444444444', '1-2', '1.2.3', '0o17', '0O17', '0b1', '1_000', '12:30', '2026-11-27', '1e', '1.', '+.5', '-.inf', '0x', 'user@example.com', 'Organization Admin', '|', '>', '? q', 'a,b', 'a]b', 'x: "y"',
    ];
    const keys = ['\u00a0k', 'k\u00a0', '"a\\b"', '"a"b"', "'a'b'", 'k#', '_', '9k', '.k', '-k', 'a:b', 'name', 'email', 'teams', 'roles', '_format_version', 'a.b', 'a/b', 'k-1', '"quoted key"', "'sq'", 'true', '1', 'with space', '<<', 'dup'];
    const block = (depth: number, indent: string): string => {
      const lines: string[] = [];
      const n = 1 + Math.floor(random() * 3);
      const seq = random() < 0.4;
      for (let i = 0; i < n; i++) {
        const nested = depth < 3 && random() < 0.35;
        if (seq) {
          if (nested && random() < 0.5) lines.push(`${indent}- ${pick(keys)}: ${pick(scalars)}`, `${indent}  ${pick(keys)}: ${pick(scalars)}`);
          else if (nested) lines.push(`${indent}-`, block(depth + 1, `${indent}  `));
          else lines.push(`${indent}- ${pick(scalars)}`);
        } else {
          const key = pick(keys);
          if (nested) lines.push(`${indent}${key}:`, block(depth + 1, random() < 0.2 ? indent : `${indent}${pick(['  ', '    ', ' '])}`));
          else lines.push(`${indent}${key}: ${pick(scalars)}`);
          if (random() < 0.1) lines.push(`${indent}# a comment`, '');
        }
      }
      return lines.join('\n');
    };
    let fast = 0;
    for (let i = 0; i < 3000; i++) if (agrees(`${block(0, '')}\n`) === 'fast') fast++;
    // Enough documents take the fast path for the comparison to mean something.
    expect(fast).toBeGreaterThan(300);
  });
});
