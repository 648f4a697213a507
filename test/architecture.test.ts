/**
 * Pure core, effects at the edges: only the file reader, the HTTP transport, the apply
 * executors' callers in cmd/, and the local org may touch the world. This test reads every
 * src file: static and dynamic imports, and the globals that reach outside.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportGraph, laterStageImports, readImportGraph } from './support/cycles.js';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const CMD = join(ROOT, 'cmd');

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
    // A declaration file (.d.ts) holds types only: nothing in it runs, imports or touches the world.
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
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
    expect(importing(/(from|import\()\s*['"]undici(\/[^'"]*)?['"]/)).toEqual(['konnect/transport.ts']);
    expect(importing(/from ['"]node:fs['"]/).filter((f) => !f.startsWith('local-org/'))).toEqual(['file/read.ts']);
  });

  it('the engine never prints: nothing under src/ but the local org writes to a stream', () => {
    const writers = all.filter((f) => !relative(SRC, f).startsWith('local-org/') && /\.write\(|stdout|stderr/.test(code(f).join('\n')));
    expect(writers.map((f) => relative(SRC, f))).toEqual([]);
  });
});

describe('import cycles', () => {
  // madge reads ~160 files through the TypeScript resolver: seconds on a busy machine. Read once.
  let project: Promise<ImportGraph> | undefined;
  const projectGraph = () => (project ??= readImportGraph(ROOT, ['src', 'cmd'], join(ROOT, 'tsconfig.json')));

  it('no file in src/ or cmd/ imports itself through others (type-only imports count)', async () => {
    const graph = await projectGraph();
    expect(graph.skipped, 'imports madge could not resolve').toEqual([]);
    expect(graph.edges).toBeGreaterThan(300);
    expect(graph.cycles.map((c) => c.join(' > '))).toEqual([]);
  }, 120_000);

  it('the pipeline reads top to bottom: file, diff, plan, apply; no stage imports a later one', async () => {
    expect(laterStageImports((await projectGraph()).imports)).toEqual([]);
  }, 120_000);

  it('the stage check sees an import of a later stage', () => {
    const imports = { 'src/diff/a.ts': ['src/plan/types.ts', 'src/model.ts'], 'src/plan/b.ts': ['src/diff/a.ts'], 'src/konnect/c.ts': ['src/apply/d.ts'] };
    expect(laterStageImports(imports)).toEqual(['src/diff/a.ts -> src/plan/types.ts']);
  });

  it('the check sees a cycle: two files that import each other are reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-cycle-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.js';\nexport interface A { b?: B }\n");
      writeFileSync(join(dir, 'b.ts'), "import type { A } from './a.js';\nexport interface B { a?: A }\n");
      writeFileSync(join(dir, 'c.ts'), "import type { A } from './a.js';\nexport type C = A;\n");
      const graph = await readImportGraph(dir, [dir], join(ROOT, 'tsconfig.json'));
      expect(graph.cycles).toEqual([['a.ts', 'b.ts']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Files allowed over MAX_LINES, each with the reason. */
const LONG_FILES: [string, string][] = [
  ['src/file/state-validator.generated.ts', 'ajv standalone code of schemas/orgdeck.schema.json, written by test/generated.test.ts'],
  ['src/konnect/response-validators.generated.ts', 'ajv standalone code of the response shapes, written by test/generated.test.ts'],
  ['src/plan/plan-validator.generated.ts', 'ajv standalone code of schemas/plan.schema.json, written by test/generated.test.ts'],
];
const MAX_LINES = 250;

describe('file size', () => {
  const sources = [...files(SRC), ...files(CMD)].map((f) => [relative(ROOT, f), readFileSync(f, 'utf8').split('\n').length - 1] as const);

  it(`no .ts file in src/ or cmd/ is over ${MAX_LINES} lines (split it by responsibility)`, () => {
    const allowed = new Set(LONG_FILES.map(([f]) => f));
    expect(sources.filter(([f, n]) => n > MAX_LINES && !allowed.has(f)).map(([f, n]) => `${f}: ${n} lines`)).toEqual([]);
  });

  it('every exception names a file that is still over the limit', () => {
    for (const [f] of LONG_FILES) expect(sources.find(([s]) => s === f)?.[1] ?? 0, f).toBeGreaterThan(MAX_LINES);
  });
});
