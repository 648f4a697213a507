/**
 * The only place the state file layer touches the file system: turn PATH arguments into
 * sources. A directory contributes every .yaml, .yml and .json file in it and its folders, as
 * decK reads one: entries in name order, depth first; hidden files and folders are skipped.
 *
 * A state folder is often a pull request's to fill, so a symbolic link in it is followed only
 * while it stays inside the folder that was given: a link to /proc/self/environ or to a private
 * key would otherwise be read, and quoted back in an error, in the CI log. Nor may a link lead to
 * a hidden file or folder (`.git/config` holds the checkout's credentials): the walk skips those,
 * and a link does not bring them back.
 *
 * The PATH itself is checked the same way, component by component, so `state/`, `state/.`,
 * `./state/` and `state/x.yaml` cannot go through a linked `state` that `state` alone could not.
 * The rule: resolve PATH against the current directory and take the deepest folder the two share
 * (the current directory itself when PATH lies in it, as CI's checkout does). Every component of
 * PATH below that folder that is a symbolic link must resolve inside the folder that holds it, to
 * no hidden name there. The folders above it are the machine's own (on macOS /tmp is a link) and
 * are not checked. A `..` in PATH is resolved in the text before reading, so what is checked is
 * what is read.
 */
import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { MAX_FILE_BYTES, MAX_TOTAL_BYTES, type Source } from './source.js';

export type StdinReader = () => Uint8Array;

const DEFAULT_PATH = 'orgdeck.yaml';

export function readStateSources(paths: readonly string[], readStdin: StdinReader): Source[] {
  if (paths.length === 0) {
    throw new UsageError('No state file given. Pass a file, a directory of .yaml files, or "-" for standard input.');
  }
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('Standard input ("-") can be read only once; pass it once.');
  const sources: Source[] = [];
  const seen = new Set<string>();
  let total = 0;
  const keep = (source: Source) => {
    sources.push(source);
    total += source.bytes.length;
    if (total > MAX_TOTAL_BYTES) throw tooMuch(paths, sources);
  };
  for (const path of paths) {
    if (path === '-') {
      keep(sourceUnderLimit('-', readStdin()));
      continue;
    }
    // A file named twice, or named and inside a folder also given (`org/ org/*.yaml`), is read once.
    for (const file of expand(path)) {
      const real = realpathSync(file);
      if (seen.has(real)) continue;
      seen.add(real);
      keep(readCapped(file));
    }
  }
  return sources;
}

function tooMuch(paths: readonly string[], read: readonly Source[]): UsageError {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  const sum = read.reduce((n, s) => n + s.bytes.length, 0);
  return new UsageError(
    `The state files of ${paths.map((p) => `"${p}"`).join(', ')} add up to more than ${MAX_TOTAL_BYTES / 1024 / 1024} MiB (${mib(sum)} in the first ${read.length} files, the last "${read.at(-1)!.name}"), the most orgdeck reads in one run. A 50,000-user dump is about 18 MiB: check for files that do not belong there (every .yaml, .yml and .json file in a folder and its folders is read).`,
  );
}

function expand(typed: string): string[] {
  // `state/../x` names cwd/x in text but, were `state` a link, another file to the system.
  const path = typed.split(/[\\/]/).includes('..') ? normalize(typed) : typed;
  let isDir: boolean;
  try {
    checkPath(path);
    isDir = statSync(path).isDirectory();
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // orgdeck.yaml is what every command reads without a PATH: a newcomer may not have given it at all.
    const given = typed === DEFAULT_PATH ? ` Without a PATH, orgdeck reads orgdeck.yaml in the current folder: give the state file or folder${besideDefault()},` : ' Check the path,';
    throw new UsageError(`Cannot read "${typed}": no such file or directory.${given} or pass "-" to read standard input.`);
  }
  if (!isDir) return [path];
  const files = walk(path, realpathSync(path), path, new Set());
  if (files.length === 0) throw new UsageError(`Directory "${path}" holds no .yaml, .yml or .json file (hidden files and folders are skipped).`);
  return files;
}

/** orgdeck.yml or orgdeck.json beside the missing orgdeck.yaml: the file the newcomer meant. */
function besideDefault(): string {
  const near = ['orgdeck.yml', 'orgdeck.json'].find((name) => {
    try {
      return statSync(name).isFile();
    } catch {
      return false;
    }
  });
  return near ? ` (${near} is here: give it as the PATH)` : '';
}

const STATE_FILE = /\.(ya?ml|json)$/i;

/** Depth first in name order; `seen` holds real paths so a symlinked folder loop is read once. */
function walk(dir: string, root: string, given: string, seen: Set<string>): string[] {
  const real = realpathSync(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    let stat: ReturnType<typeof statSync>;
    try {
      if (lstatSync(full).isSymbolicLink() && !checkLink(full, root, given)) continue;
      stat = statSync(full);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      continue; // vanished while read: not a state file
    }
    if (stat.isDirectory()) out.push(...walk(full, root, given, seen));
    else if (stat.isFile() && STATE_FILE.test(name)) out.push(full);
  }
  return out;
}

/**
 * The rule of the top comment for PATH: every link among its components below the deepest folder
 * it shares with the current directory stays in the folder that holds it. A component that does
 * not exist is left for the caller to report.
 */
function checkPath(path: string): void {
  const cwd = process.cwd();
  const show = (p: string) => (isAbsolute(path) ? p : relative(cwd, p) || '.');
  const full = resolve(cwd, path);
  const parts = full.split(sep);
  const shared = cwd.split(sep);
  let i = 0;
  while (i < parts.length && i < shared.length && parts[i] === shared[i]) i++;
  // `parts.slice(0, i)` is the shared folder (never less than the root); check each part below it.
  for (let n = Math.max(i, 1); n < parts.length; n++) {
    const here = parts.slice(0, n + 1).join(sep) || sep;
    if (!lstatSync(here, { throwIfNoEntry: false })?.isSymbolicLink()) continue;
    const holder = parts.slice(0, n).join(sep) || sep;
    checkLink(n === parts.length - 1 ? path : show(here), realpathSync(holder), show(holder), here);
  }
}

/**
 * True when the link at `link` resolves inside `root`; false when it dangles (no state file
 * there); a UsageError naming the link and its target when it leads out of the folder, or to a
 * hidden file or folder in it. `at` is where the link is, when `link` is a name to show for it.
 */
function checkLink(link: string, root: string, given: string, at = link): boolean {
  let target: string;
  try {
    target = realpathSync(at);
  } catch {
    return false;
  }
  const inside = target === root || target.startsWith(root.endsWith(sep) ? root : root + sep);
  if (!inside) {
    throw new UsageError(
      `"${link}" is a symbolic link to "${target}", outside the folder "${given}": orgdeck does not follow links that leave the folder it was given. Replace the link with the file itself, or pass the target's path.`,
    );
  }
  const hidden = relative(root, target).split(sep).find((part) => part.startsWith('.'));
  if (hidden === undefined) return true;
  throw new UsageError(
    `"${link}" is a symbolic link to "${target}", into the hidden "${hidden}" in the folder "${given}": hidden files are never read, and a link does not lead to one. Replace the link with the file itself, or move the file to a name without a leading dot.`,
  );
}

/**
 * Reads at most MAX_FILE_BYTES + 1 bytes whatever the file says its size is: files under /proc
 * report 0. A file over the limit is not kept, so a huge file costs no more memory than a small one.
 */
function readCapped(file: string): Source {
  const stat = statSync(file);
  if (!stat.isFile()) throw new UsageError(`"${file}" is not a regular file: pass a state file or a folder of them.`);
  if (stat.size > MAX_FILE_BYTES) return { name: file, bytes: new Uint8Array(), size: stat.size };
  const fd = openSync(file, 'r');
  try {
    return sourceUnderLimit(file, readAtMostLimit(fd));
  } finally {
    closeSync(fd);
  }
}

/** A source of `bytes`, which it holds only under the limit: over it, its size is all parse needs to say so. */
function sourceUnderLimit(name: string, bytes: Uint8Array): Source {
  return { name, bytes: bytes.length > MAX_FILE_BYTES ? new Uint8Array() : bytes, size: bytes.length };
}

/**
 * An open file's bytes, read until its end or one byte past `limit` (a state file's by default),
 * where reading stops: standard input, or a path such as /dev/zero, may never end
 * (`orgdeck validate - < /dev/zero`).
 */
export function readAtMostLimit(fd: number, limit = MAX_FILE_BYTES): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= limit) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}
