/** A file with a great many mistakes (issue 25, item 11): no stack overflow, no quadratic wait, a bounded report. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';
import { runCli } from '../support/io.js';

const badEmails = (n: number, head = '_format_version: "1.0"\n') => `${head}users:\n${Array.from({ length: n }, (_, i) => `  - email: bad${i}\n`).join('')}`;

describe('a file with a great many problems', () => {
  it('130,000 bad emails load into 130,000 located problems (ajv alone took about a minute)', () => {
    const { problems, state } = loadDesiredState([sourceFromText('big.yaml', badEmails(130_000))], {});
    expect(state).toBeUndefined();
    expect(problems).toHaveLength(130_000);
    expect(problems[129_999]).toMatchObject({ line: 130_002, pointer: '/users/129999/email', message: '"bad129999" is not a valid email address.' });
  });

  it('checking the lists a slice at a time finds every error at its own index, and the document\'s own errors once', () => {
    // Bad emails on both sides of the 1,000-item slices, an unknown field at the first of the second.
    const bad = new Set([0, 999, 1998, 2499]);
    const users = Array.from({ length: 2500 }, (_, i) => (bad.has(i) ? `  - { email: bad${i} }\n` : i === 1000 ? `  - { email: u${i}@example.com, nickname: x }\n` : `  - { email: u${i}@example.com }\n`));
    const text = `_format_version: "2.0"\nextra: 1\nteams:\n  - { name: Eng, colour: red }\nusers:\n${users.join('')}`;
    const { problems } = loadDesiredState([sourceFromText('f.yaml', text)], {});
    expect(problems.map((p) => `${p.line} ${p.pointer}`)).toEqual([
      '1 /_format_version',
      '2 /extra',
      '4 /teams/0/colour',
      '6 /users/0/email',
      '1005 /users/999/email',
      '1006 /users/1000/nickname',
      '2004 /users/1998/email',
      '2505 /users/2499/email',
    ]);
  });

  it('prints the first 1,000 and counts the rest', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
    writeFileSync(path, badEmails(1500));
    const r = await runCli(['validate', path]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1002);
    expect(lines[999]).toContain('/users/999/email');
    expect(lines[1000]).toBe('… and 500 more problems, not shown (the first 1,000 are, in file order).');
    expect(lines[1001]).toBe(`Error: 1500 problems in ${path}. Fix them and run again.`);
  });
});
