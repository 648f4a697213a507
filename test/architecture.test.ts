/**
 * Pure core, effects at the edges: only the file reader, the HTTP transport, the apply
 * executors' callers in cmd/, and the local org may touch the world. This test reads every
 * src file: static and dynamic imports, and the globals that reach outside.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** Modules allowed to do I/O, as paths relative to src/, each for a stated reason. */
const EFFECTFUL: [RegExp, string][] = [
  [/^file\/read\.ts$/, 'the only file-system access of the state-file layer'],
  [/^konnect\/transport\.ts$/, 'the only network access (undici)'],
  [/^local-org\//, 'the emulator is a server: sockets, timers, its data file'],
];
const WORLD = [
  /\bfrom ['"](node:)?(fs|fs\/promises|http|https|net|child_process|process|os|readline|dgram|tls|worker_threads|async_hooks)['"]/,
  /\bimport ['"](node:)?(fs|http|https|net|child_process|process)['"]/,
  /\bimport\(/,
  /\bfrom ['"]undici['"]/,
  /\bconsole\./,
  /\bprocess\./,
  /\bfetch\(/,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function code(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line));
}

describe('architecture', () => {
  const all = files(SRC);
  it('finds the sources', () => expect(all.length).toBeGreaterThan(30));

  for (const file of all) {
    const rel = relative(SRC, file);
    if (EFFECTFUL.some(([r]) => r.test(rel))) continue;
    it(`${rel} is pure (no fs, network, process, console or dynamic import)`, () => {
      expect(code(file).filter((line) => WORLD.some((w) => w.test(line)))).toEqual([]);
    });
  }

  it('every exemption still matches a file', () => {
    for (const [r] of EFFECTFUL) expect(all.some((f) => r.test(relative(SRC, f))), String(r)).toBe(true);
  });

  it('src never imports from cmd or test', () => {
    for (const file of all) expect(readFileSync(file, 'utf8')).not.toMatch(/from ['"](\.\.\/)+(cmd|test)\//);
  });

  it('only konnect/transport.ts imports undici, only file/read.ts reads state files', () => {
    const importing = (re: RegExp) => all.filter((f) => re.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(importing(/from ['"]undici['"]/)).toEqual(['konnect/transport.ts']);
    expect(importing(/from ['"]node:fs['"]/).filter((f) => !f.startsWith('local-org/'))).toEqual(['file/read.ts']);
  });

  it('the engine never prints: nothing under src/ but the local org writes to a stream', () => {
    const writers = all.filter((f) => !relative(SRC, f).startsWith('local-org/') && /\.write\(|stdout|stderr/.test(code(f).join('\n')));
    expect(writers.map((f) => relative(SRC, f))).toEqual([]);
  });
});
