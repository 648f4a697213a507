/**
 * Crash-safe persistence of the org as JSON. A reader (or a restart after SIGKILL) sees either
 * the previous file or the new one, never a torn write: write a temp file in the same
 * directory, fsync it, rename it over the target, then fsync the directory.
 * Kept free of local imports so a test can run it alone in a child process.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
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
