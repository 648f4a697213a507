/**
 * "Write to a file", spelled one way across commands (`-o, --output-file`, like decK), and
 * file-system failures as sentences with the way out instead of `ENOENT: …`.
 */
import { existsSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type Command, Option } from 'commander';
import { UsageError } from '../src/errors.js';
import { escapeControls } from '../src/text/terminal.js';
import type { Io } from './io.js';

/**
 * Adds `-o, --output-file FILE` and the older `--out FILE` (hidden, same meaning). The value
 * lands in the command's `out` option whichever spelling was used.
 */
export function addOutputFileOption(cmd: Command, description: string): Command {
  return cmd
    .addOption(new Option('-o, --output-file <file>', description))
    .addOption(new Option('--out <file>', 'the same as --output-file').hideHelp())
    .hook('preAction', (c) => {
      const { outputFile, out } = c.opts<{ outputFile?: string; out?: string }>();
      if (outputFile !== undefined && out !== undefined && out !== outputFile) {
        throw new UsageError(`--out is another name for --output-file; give one of them, not both ("${out}" and "${outputFile}").`);
      }
      if (outputFile !== undefined) c.setOptionValue('out', outputFile);
    });
}

/**
 * Refuses, before anything is read, an output file that is a folder, one of the state files the
 * command reads, or inside a state folder it reads (every .yaml, .yml and .json file there is read
 * as a state file, so the next run would fail on it). `what` names what would be written, `reader`
 * the command.
 */
export function checkOutputFile(file: string | undefined, paths: readonly string[], what: string, reader: string): void {
  if (file === undefined || file === '-') return;
  if (isFolder(file)) throw new UsageError(`Cannot write ${what} to "${escapeControls(file)}": it is a folder. Give a file name.`);
  const target = realPathOf(file);
  for (const p of paths) {
    if (p === '-') continue;
    const input = realPathOf(p);
    if (input === target) throw new UsageError(`-o ${escapeControls(file)} is also a state file ${reader} reads: it would be replaced by ${what}. Write ${what} to another file.`);
    const inside = relative(input, target);
    const stateName = /\.(ya?ml|json)$/i.test(target) && !inside.split(sep).some((part) => part.startsWith('.'));
    if (isFolder(input) && stateName && inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) {
      throw new UsageError(`-o ${escapeControls(file)} is inside the state folder ${escapeControls(p)}, whose every .yaml, .yml and .json file is read as a state file: the next run would fail on ${what}. Write it outside that folder.`);
    }
  }
}

/** The path with links resolved as far as it exists, so two spellings of one file compare equal. */
function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(resolve(path));
    return parent === resolve(path) ? parent : join(realPathOf(parent), basename(path));
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Write `text` to `path`; a failure is a UsageError saying what is wrong with the path. */
export function writeOutputFile(path: string, text: string, what: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new UsageError(`Cannot write ${what} to "${path}": ${whyNotWritten(err, path)}`);
  }
}

/**
 * Replace several files so that each is either as it was or wholly new: every text goes to a
 * hidden file beside its target first (a reader of the folder skips hidden files), and only when
 * all are written do they take their targets' names. A failure before that leaves every target
 * as it was.
 */
export function replaceFilesAtomically(files: readonly { path: string; text: string }[], what: string): void {
  const staged: { path: string; temp: string }[] = [];
  try {
    for (const f of files) {
      const temp = join(dirname(f.path), `.${basename(f.path)}.orgdeck-${process.pid}.tmp`);
      staged.push({ path: f.path, temp });
      try {
        writeFileSync(temp, f.text);
      } catch (err) {
        throw new UsageError(`Cannot write ${what} to "${f.path}": ${whyNotWritten(err, f.path)} Nothing was changed.`);
      }
    }
  } catch (err) {
    for (const s of staged) rmSync(s.temp, { force: true });
    throw err;
  }
  for (const s of staged) renameSync(s.temp, s.path);
}

/** The reason in words, for the errors people meet: a missing folder, permissions, a directory. */
export function whyNotWritten(err: unknown, path: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  const folder = dirname(path);
  switch (code) {
    case 'ENOENT':
      return `the folder "${folder}" does not exist. Create it first, or choose another path.`;
    case 'ENOTDIR':
      return `"${folder}" is not a folder. Choose another path.`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied. Check the permissions of "${existsSync(path) ? path : folder}", or choose another path.`;
    case 'EISDIR':
      // "org/" fails with EISDIR whether or not org exists: the trailing slash names a folder.
      return existsSync(path) ? 'it is a folder. Give a file name.' : `a name ending in "/" names a folder, and there is none. Give a file name (without the "/").`;
    case 'EROFS':
      return 'the file system is read-only. Choose another path.';
    case 'ENOSPC':
      return 'the disk is full. Free some space and run again.';
    default:
      return `the system said ${code ?? (err as Error).message}.`;
  }
}

/**
 * Before replacing an existing file: ask on a terminal, require `--yes` otherwise.
 * Returns false when the person said no (nothing is written then).
 */
export async function mayOverwrite(path: string, io: Io, yes: boolean | undefined): Promise<boolean> {
  if (yes || !existsSync(path)) return true;
  if (!io.isTTY) throw new UsageError(`"${path}" exists. Pass --yes to replace it, or choose another path.`);
  return io.confirm(`"${path}" exists. Replace it?`);
}

/** A file name for a path given as a folder ("org/"): `org.yaml`, for a user who meant a file. */
export function suggestFileFor(path: string): string {
  const bare = path.replace(/[\\/]+$/, '');
  return bare === '' || bare === '.' ? 'orgdeck.yaml' : `${bare}.yaml`;
}
