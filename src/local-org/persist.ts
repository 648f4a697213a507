/**
 * Crash-safe persistence of the org as JSON. A reader (or a restart after SIGKILL) sees either
 * the previous file or the new one, never a torn write: write a temp file in the same
 * directory, fsync it, rename it over the target, then fsync the directory.
 * Kept free of local imports so a test can run it alone in a child process.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

function tempName(file: string, pid: number): string {
  return `.${basename(file)}.${pid}.tmp`;
}

export function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = join(dirname(file), tempName(file, process.pid));
  const bytes = Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  const fd = openSync(tmp, 'w', 0o600);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  syncDirectory(dirname(file));
}

// Without this the rename itself may not survive a power loss; some platforms refuse it, which is fine.
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The parsed file, or undefined when it does not exist. A file that does not parse is an error, never ignored. */
export function readJsonIfExists(file: string): unknown {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`The data file ${file} is not valid JSON (${(err as Error).message}); move it away or pick another file.`);
  }
}

/**
 * Removes the temporary files that writes to `file` left behind when their process was killed
 * between writing and renaming; those of a process still running are its writes in progress.
 * Returns the names removed.
 */
export function removeStaleTemps(file: string): string[] {
  const dir = dirname(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(/^\.(.+)\.(\d+)\.tmp$/.exec(name)?.[2]);
    if (!pid || name !== tempName(file, pid) || isRunning(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // already gone, or not ours to remove: leave it
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
