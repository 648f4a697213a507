/**
 * Pure core, effects at the edges: only the file reader, the HTTP client, the apply executors,
 * the local org and cmd/ may touch the world. This test reads every src file's imports.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** Modules allowed to do I/O, as paths relative to src/. */
const EFFECTFUL = [/^file\/read\.ts$/, /^konnect\/client\.ts$/, /^konnect\/transport\.ts$/, /^apply\/executors\.ts$/, /^apply\/log-file\.ts$/, /^local-org\//];
const WORLD = /from ['"](node:(fs|http|https|net|child_process|process|os|readline|fs\/promises|dgram|tls)|undici|fs|http)['"]|\bconsole\.|\bprocess\./;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  const all = files(SRC);
  it('finds the sources', () => expect(all.length).toBeGreaterThan(10));

  for (const file of all) {
    const rel = relative(SRC, file);
    if (EFFECTFUL.some((r) => r.test(rel))) continue;
    it(`${rel} is pure (no fs, network, process or console)`, () => {
      const offending = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !line.trim().startsWith('*') && !line.trim().startsWith('//'))
        .filter((line) => WORLD.test(line));
      expect(offending).toEqual([]);
    });
  }

  it('src never imports from cmd or test', () => {
    for (const file of all) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/from ['"](\.\.\/)+(cmd|test)\//);
    }
  });

  it('only konnect/transport.ts imports undici', () => {
    const users = all.filter((f) => /from ['"]undici['"]/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(users.every((f) => f === 'konnect/transport.ts')).toBe(true);
  });
});
