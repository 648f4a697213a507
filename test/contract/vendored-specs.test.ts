/**
 * The repository carries everything its tests need: Kong's specs are vendored byte for byte
 * (checked against SHA256SUMS, whose digests SOURCE.md ties to upstream commits), each with its
 * licence, and no file of the project reaches outside the clone for them.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SPECS = join(ROOT, 'test/fixtures/konnect-openapi');
// Built from parts so that this file does not match itself.
const OUTSIDE = new RegExp(['\\.\\./sha', 'red', '|ORGDECK_KONNECT_', 'SPEC_DIR'].join(''));

describe('vendored Konnect specs', () => {
  const sums = readFileSync(join(SPECS, 'SHA256SUMS'), 'utf8').trim().split('\n');

  it('lists every spec and licence', () => {
    const files = sums.map((line) => line.split(/\s+/)[1]);
    expect(files).toEqual(expect.arrayContaining([
      './developer.konghq.com/LICENSE',
      './developer.konghq.com/api-specs/konnect/identity/v3/openapi.yaml',
      './sdk-konnect-go/LICENSE',
      './sdk-konnect-go/openapi.yaml',
    ]));
  });

  for (const line of sums) {
    const [digest, file] = line.split(/\s+/) as [string, string];
    it(`${file} is the upstream file, byte for byte`, () => {
      const bytes = readFileSync(join(SPECS, file));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(digest);
    });
  }

  it('SOURCE.md names repository, path and commit of each spec', () => {
    const source = readFileSync(join(SPECS, 'SOURCE.md'), 'utf8');
    for (const line of sums) {
      const file = line.split(/\s+/)[1]!.replace(/^\.\//, '');
      if (file.endsWith('LICENSE')) continue;
      const row = source.split('\n').find((l) => l.startsWith(`| \`${file}\``));
      expect(row, file).toMatch(/\| Kong\/[\w.-]+ \| `[^`]+` \| [0-9a-f]{40}/);
    }
  });

  it('no tracked file of the project reads the specs from beside the clone', () => {
    if (!existsSync(join(ROOT, '.git'))) return;
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const offenders = tracked
      .filter((f) => /\.(ts|js|json|sh|yaml|yml)$/.test(f) || f.startsWith('.ci/'))
      .filter((f) => !f.startsWith('test/fixtures/konnect-openapi/'))
      .filter((f) => existsSync(join(ROOT, f)) && OUTSIDE.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
