/**
 * The binary answers --version before loading the program, and says what the program says; the
 * program loads only the module of the command it runs. The binary is the bin package.json names:
 * the bundle `npm run build` writes (the global setup builds it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../cmd/program.js';
import { BIN } from '../support/bin.js';
import { coverBin } from '../support/bundle-coverage.js';
import { closedPort } from '../support/closed-port.js';
import { captureIo, runCli } from '../support/io.js';
import { TEST_TOKEN } from '../support/org.js';

describe('the bin package.json names', () => {
  it('exists after the build, answers --version and validates an example file', () => {
    expect(BIN).toMatch(/dist[\\/]bundle[\\/]cli\.js$/);
    expect(existsSync(BIN)).toBe(true);
    expect(execFileSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' })).toMatch(/^\d+\.\d+\.\d+\n$/);
    const examples = join(import.meta.dirname, '../../examples');
    expect(execFileSync(process.execPath, [BIN, 'validate', 'org.yaml'], { cwd: examples, encoding: 'utf8' })).toMatch(/^org\.yaml is valid: /);
  });

  it('loads its program as one file beside it, with a source map that is not inlined', () => {
    const program = join(dirname(BIN), 'program.js');
    // Nothing of dist/cmd or node_modules: the two files of the bundle are all Node loads.
    expect(coverBin(['--help']).loaded).toEqual([BIN, program]);
    expect(readFileSync(program, 'utf8').trimEnd().split('\n').at(-1)).toBe('//# sourceMappingURL=program.js.map');
    const map = JSON.parse(readFileSync(`${program}.map`, 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    expect(map.sources).toEqual(expect.arrayContaining(['../../cmd/commands/diff.ts', '../../src/konnect/transport.ts']));
    // Names and lines only: the sources themselves are in the package's repository, not in its map.
    expect(map.sourcesContent).toBeUndefined();
  });
});

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

  it('runs, from the bundled bin, none of the code of sync, serve or report (the bundle holds it, unevaluated)', async () => {
    const env = { KONNECT_ADDR: `http://127.0.0.1:${await closedPort()}/{region}`, KONNECT_TOKEN: TEST_TOKEN };
    const OTHERS = /^(cmd\/commands\/(sync|serve|report|dump|explain)|cmd\/apply-plan|src\/(apply|local-org|report|explain)\/)/;
    const diff = coverBin(['diff', 'examples/org.yaml'], env);
    expect(diff.status).toBe(1);
    expect(diff.ran).toContain('cmd/commands/diff.ts');
    expect([...diff.ran].filter((s) => OTHERS.test(s))).toEqual([]);
    // The same check sees a sync's own code when a sync runs.
    const sync = coverBin(['sync', 'examples/org.yaml'], env);
    expect([...sync.ran].filter((s) => OTHERS.test(s))).toEqual(expect.arrayContaining(['cmd/commands/sync.ts', 'src/apply/apply.ts']));
  });

  it("loads the whole of undici, from the bundle too, only for a proxy (its plain Agent is enough otherwise)", async () => {
    const env = { KONNECT_ADDR: `http://127.0.0.1:${await closedPort()}/{region}`, KONNECT_TOKEN: TEST_TOKEN };
    const UNDICI = 'node_modules/undici/index.js';
    const plain = coverBin(['diff', 'examples/org.yaml'], env);
    expect(plain.ran).toContain('node_modules/undici/lib/dispatcher/agent.js');
    expect(plain.ran).not.toContain(UNDICI);
    expect(coverBin(['diff', 'examples/org.yaml'], { ...env, HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}` }).ran).toContain(UNDICI);
  });
});
