/**
 * "As written": the merged state files before normalization, every item still tied to the
 * file and path it came from, so rules can point at it. Items are `unknown` on purpose: rules
 * run even when the schema failed, and must not trust shapes.
 */
import type { Problem } from '../errors.js';
import type { PathSegment } from './located.js';
import { type ParsedFile, positionOf } from './parse.js';

export interface Entry {
  file: ParsedFile;
  readonly path: readonly PathSegment[];
  value: unknown;
}

export interface Written {
  files: ParsedFile[];
  info?: Entry;
  teams: Entry[];
  users: Entry[];
  systemAccounts: Entry[];
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function child(e: Entry, ...segs: PathSegment[]): Entry {
  let at = e;
  for (const s of segs) at = new Child(at, s, isObj(at.value) || Array.isArray(at.value) ? (at.value as Obj)[s as string] : undefined);
  return at;
}

/**
 * An entry below another, its path worked out only when asked for: rules visit every item and
 * grant of the file, and only the ones with a problem need their path (a 10,000-person file's
 * paths were an eighth of what reading it allocated).
 */
class Child implements Entry {
  readonly file: ParsedFile;
  #path: readonly PathSegment[] | undefined;

  constructor(
    private readonly parent: Entry,
    private readonly segment: PathSegment,
    readonly value: unknown,
  ) {
    this.file = parent.file;
  }

  get path(): readonly PathSegment[] {
    this.#path ??= [...this.parent.path, this.segment];
    return this.#path;
  }
}

export function problemAt(e: Entry, message: string, atKey = false): Problem {
  const at = positionOf(e.file, e.path, atKey);
  return { file: e.file.name, line: at.line, col: at.col, pointer: pointerOf(e.path), message };
}

export function whereIs(e: Entry): string {
  return e.file.place(e.path);
}

function pointerOf(path: readonly PathSegment[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Several files become one state; `_info` may come from one file only. */
export function mergeFiles(files: ParsedFile[]): { written: Written; problems: Problem[] } {
  const written: Written = { files, teams: [], users: [], systemAccounts: [] };
  const problems: Problem[] = [];
  for (const file of files) {
    if (!isObj(file.value)) continue;
    const root: Entry = { file, path: [], value: file.value };
    if (file.value._info !== undefined) {
      const info = child(root, '_info');
      if (written.info) {
        problems.push(problemAt(info, `_info is already set in ${whereIs(written.info)}; keep it in one file only.`, true));
      } else {
        written.info = info;
      }
    }
    for (const [key, kind] of [['teams', 'teams'], ['users', 'users'], ['system_accounts', 'systemAccounts']] as const) {
      const list = file.value[key];
      if (!Array.isArray(list)) continue;
      for (let i = 0; i < list.length; i++) written[kind].push(child(root, key, i));
    }
  }
  return { written, problems };
}
