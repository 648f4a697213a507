/**
 * `diff --base REF|FILE`: the state files as they were at the base. A base that names an existing
 * path is a FILE (or folder), read like any state file; anything else is a git revision, and each
 * PATH of the command is read at that revision with git itself: `git show REV:./PATH` for a file,
 * `git ls-tree` for a folder (the same .yaml, .yml and .json files, hidden ones skipped, as
 * src/file/read.ts reads from disk). What cannot be read is a reason to read the whole org, not an
 * error: the plan is still right, only slower.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../src/errors.js';
import { readStateSources } from '../src/file/read.js';
import { MAX_TOTAL_BYTES, type Source } from '../src/file/source.js';
import type { Io } from './io.js';

export type BaseSources = { sources: Source[] } | { unreadable: string };

const STATE_FILE = /\.(ya?ml|json)$/i;

export function readBaseSources(base: string, paths: readonly string[], io: Io): BaseSources {
  if (existsSync(base)) {
    try {
      return { sources: readStateSources([base], () => io.readStdin()) };
    } catch (err) {
      if (err instanceof UsageError) return { unreadable: `the base ${base} cannot be read (${err.message.replace(/\.$/, '')})` };
      throw err;
    }
  }
  if (paths.includes('-')) return { unreadable: `the base ${base} is a git revision, and standard input has no path to read at it` };
  const sources: Source[] = [];
  for (const typed of paths) {
    // git runs where the file is, so the checkout that holds it answers, wherever orgdeck runs.
    const full = resolve(typed);
    const folder = existsSync(full) && statSync(full).isDirectory();
    const cwd = folder ? full : dirname(full);
    if (git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`], cwd) === undefined) {
      return { unreadable: `the base ${base} is neither a file nor a git revision of the checkout that holds ${typed} (a pull request's workflow needs the base branch fetched)` };
    }
    const found = folder ? filesAt(base, cwd) : [basename(full)];
    if (found.length === 0) return { unreadable: `the folder ${typed} holds no state file at ${base}` };
    if (!folder && git(['cat-file', '-e', `${base}:./${found[0]}`], cwd) === undefined) return { unreadable: `${typed} does not exist at ${base}` };
    sources.push(...found.map((f) => showAt(base, cwd, f, folder ? join(typed, f) : typed)));
    if (sources.reduce((n, s) => n + s.size, 0) > MAX_TOTAL_BYTES) return { unreadable: `the state files at ${base} add up to more than ${MAX_TOTAL_BYTES / 1024 / 1024} MiB` };
  }
  return { sources };
}

/** The state files under a folder at a revision, in the order read.ts walks a folder (git lists paths sorted). */
function filesAt(base: string, cwd: string): string[] {
  const out = git(['ls-tree', '-r', '--name-only', '-z', base, '--', '.'], cwd);
  return (out?.toString() ?? '').split('\u0000').filter((f) => f && STATE_FILE.test(f) && !f.split('/').some((part) => part.startsWith('.')));
}

function showAt(base: string, cwd: string, file: string, shown: string): Source {
  const bytes = git(['show', `${base}:./${file}`], cwd) ?? new Uint8Array();
  return { name: `${base}:${shown}`, bytes, size: bytes.length };
}

/** git's output, or undefined when git fails or is not there (no checkout, no such revision). */
function git(args: string[], cwd: string): Buffer | undefined {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: MAX_TOTAL_BYTES + 1024 });
  } catch {
    return undefined;
  }
}
