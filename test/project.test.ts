/** Project hygiene a user relies on: the licence package.json names, and a changelog that has the version. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/readme.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as { version: string; license: string; files: string[] };

describe('project files', () => {
  it('LICENSE is the standard Apache-2.0 text that package.json names', () => {
    expect(pkg.license).toBe('Apache-2.0');
    // Kong's SDK ships the same standard text; only the appendix's example notice differs.
    const kong = read('test/fixtures/konnect-openapi/sdk-konnect-go/LICENSE');
    const ours = read('LICENSE');
    const body = (t: string) => t.trim().split('END OF TERMS AND CONDITIONS')[0]!;
    expect(ours.length).toBeGreaterThan(11_000);
    expect(body(ours)).toBe(body(kong));
    expect(ours).toContain('Copyright [yyyy] [name of copyright owner]');
  });

  it('CHANGELOG.md keeps an Unreleased section and has the version of package.json', () => {
    const log = read('CHANGELOG.md');
    expect(log).toMatch(/^# Changelog\n/);
    expect(log).toContain('\n## [Unreleased]\n');
    expect(log).toMatch(new RegExp(`\\n## \\[${pkg.version.replaceAll('.', '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}\\n`));
    // Keep a Changelog: only these headings under a release.
    for (const m of log.matchAll(/^### (.+)$/gm)) expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(m[1]);
  });

  it('the published package carries the licence and the changelog', () => {
    expect(pkg.files).toEqual(expect.arrayContaining(['CHANGELOG.md', 'schemas', 'dist/bundle']));
  });
});
