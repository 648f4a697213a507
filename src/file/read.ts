/**
 * The only place the state file layer touches the file system: turn PATH arguments into
 * sources. A directory contributes every .yaml, .yml and .json file in it and its folders, as
 * decK reads one: entries in name order, depth first; hidden files and folders are skipped.
 */
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { MAX_FILE_BYTES, type Source } from './source.js';

export type StdinReader = () => Uint8Array;

export function readStateSources(paths: readonly string[], readStdin: StdinReader): Source[] {
  if (paths.length === 0) {
    throw new UsageError('No state file given. Pass a file, a directory of .yaml files, or "-" for standard input.');
  }
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('Standard input ("-") can be read only once; pass it once.');
  const sources: Source[] = [];
  for (const path of paths) {
    if (path === '-') {
      const bytes = readStdin();
      sources.push({ name: '-', bytes: bytes.length > MAX_FILE_BYTES ? new Uint8Array() : bytes, size: bytes.length });
      continue;
    }
    for (const file of expand(path)) sources.push(readCapped(file));
  }
  return sources;
}

function expand(path: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`Cannot read "${path}": no such file or directory. Check the path, or pass "-" to read standard input.`);
  }
  if (!isDir) return [path];
  const files = walk(path, new Set());
  if (files.length === 0) throw new UsageError(`Directory "${path}" holds no .yaml, .yml or .json file (hidden files and folders are skipped).`);
  return files;
}

const STATE_FILE = /\.(ya?ml|json)$/i;

/** Depth first in name order; `seen` holds real paths so a symlinked folder loop is read once. */
function walk(dir: string, seen: Set<string>): string[] {
  const real = realpathSync(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(full);
    } catch {
      continue; // a dangling symlink is not a state file
    }
    if (stat.isDirectory()) out.push(...walk(full, seen));
    else if (stat.isFile() && STATE_FILE.test(name)) out.push(full);
  }
  return out;
}

/** A file over the limit is not read at all, so a huge file costs no more memory than a small one. */
function readCapped(file: string): Source {
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES) return { name: file, bytes: new Uint8Array(), size };
  const bytes = readFileSync(file);
  return { name: file, bytes, size: bytes.length };
}
