/**
 * What a run of the bin loaded and evaluated, from V8's coverage (NODE_V8_COVERAGE): the files
 * Node loaded, and the source files (through the bundle's source map) of which at least one
 * function ran. A bundle holds every command; this tells which ones a run actually started.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN } from './bin.js';
import { ROOT } from './readme.js';

interface Coverage {
  result: { url: string; functions: { ranges: { startOffset: number; count: number }[] }[] }[];
}

/** Runs the bin with `args` and `env`; its exit code, the files it loaded, and the sources that ran (relative to the repository). */
export function coverBin(args: string[], env: Record<string, string> = {}): { status: number | null; loaded: string[]; ran: Set<string> } {
  const dir = mkdtempSync(join(tmpdir(), 'orgdeck-coverage-'));
  try {
    const { status } = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env, NODE_V8_COVERAGE: dir }, stdio: 'ignore' });
    const scripts = readdirSync(dir).flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Coverage).result.filter((r) => r.url.startsWith('file:')));
    const ran = new Set<string>();
    for (const script of scripts) {
      const file = fileURLToPath(script.url);
      const mapped = sourceMapOf(file);
      if (!mapped) continue;
      for (const fn of script.functions) {
        const range = fn.ranges[0]!;
        if (range.count === 0) continue;
        const source = mapped.at(range.startOffset);
        // node_modules may be a link to another folder: a dependency is named from node_modules on.
        if (source) ran.add(source.replace(/^(\.\.\/)+/, '').replace(/^.*?\/(?=node_modules\/)/, ''));
      }
    }
    return { status, loaded: scripts.map((s) => fileURLToPath(s.url)), ran };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The original source of an offset in `file`, by its source map (file.map), if it has one. */
function sourceMapOf(file: string): { at(offset: number): string | undefined } | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  } catch {
    return undefined;
  }
  const map = new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]);
  const text = readFileSync(file, 'utf8');
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    at(offset) {
      let line = starts.findLastIndex((s) => s <= offset);
      if (line < 0) line = 0;
      const entry = map.findEntry(line, offset - starts[line]!) as { originalSource?: string };
      return entry.originalSource;
    },
  };
}
