/**
 * The binary answers --version before loading the program, and says what the program says; the
 * program loads only the module of the command it runs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../cmd/program.js';
import { captureIo, runCli } from '../support/io.js';

const BIN = join(import.meta.dirname, '../../dist/cmd/cli.js');

describe('orgdeck --version (the binary)', () => {
  it('prints what the program prints, for --version and -V', async () => {
    const viaProgram = (await runCli(['--version'])).stdout;
    for (const flag of ['--version', '-V']) expect(execFileSync(process.execPath, [BIN, flag], { encoding: 'utf8' })).toBe(viaProgram);
  });

  it('loads the program for anything else', () => {
    expect(execFileSync(process.execPath, [BIN, 'version'], { encoding: 'utf8' })).toMatch(/^orgdeck \d+\.\d+\.\d+ \(Node\.js v/);
  });
});

describe('the program loads the command it runs', () => {
  const names = async (argv?: string[]) => (await buildProgram(captureIo().io, { code: 0 }, argv)).commands.map((c) => c.name());
  const ALL = ['validate', 'diff', 'sync', 'dump', 'explain', 'report', 'ping', 'serve', 'version', 'completion'];

  it('registers only the command named in argv (a diff does not load sync or the local org)', async () => {
    // version and completion are defined in program.ts itself; completion loads its generator only when run.
    expect(await names(['diff', 'orgdeck.yaml', '--konnect-addr', 'x'])).toEqual(['diff', 'version', 'completion']);
    expect(await names(['--no-color', 'sync', '--dry-run'])).toEqual(['sync', 'version', 'completion']);
  });

  it('registers every command for help, a typo, or no argv at all', async () => {
    for (const argv of [undefined, [], ['--help'], ['help', 'diff'], ['dif'], ['constructor'], ['__proto__']]) expect(await names(argv), String(argv)).toEqual(ALL);
  });

  it('still suggests the command a typo meant, and lists all of them in help', async () => {
    const typo = await runCli(['dif']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/Did you mean diff\?/);
    // A name every object has is not a command either.
    const inherited = await runCli(['constructor']);
    expect(inherited.code).toBe(1);
    expect(inherited.stderr).toMatch(/unknown command 'constructor'/);
    const help = await runCli(['--help']);
    for (const name of ALL) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });
});

describe('what diff loads before its first request', () => {
  /** Every module `file` imports statically, transitively (TypeScript sources; packages by name). */
  function staticImports(file: string, seen = new Set<string>()): Set<string> {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^(?:import|export) (?!type )[^;]*? from '([^']+)';/gms)) {
      const next = spec!.startsWith('.') ? resolve(dirname(file), spec!.replace(/\.js$/, '.ts')) : spec!;
      if (seen.has(next)) continue;
      seen.add(next);
      if (next.endsWith('.ts')) staticImports(next, seen);
    }
    return seen;
  }

  it('leaves out the diff engine: it loads while the first requests are out', () => {
    const loaded = staticImports(join(import.meta.dirname, '../../cmd/commands/diff.ts'));
    // The HTTP client is loaded (its Agent, from its own file: src/konnect/transport.ts).
    expect([...loaded].some((m) => m === 'undici' || m.startsWith('undici/'))).toBe(true);
    expect([...loaded].filter((m) => m === 'deep-diff' || /src\/diff\/diff\.ts$/.test(m))).toEqual([]);
  });
});
