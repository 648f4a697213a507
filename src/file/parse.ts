/**
 * Bytes → YAML document → plain value, refusing what a state file must never be: too large,
 * not UTF-8, not YAML, duplicate keys, alias bombs. Every refusal is a located Problem.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Problem } from '../errors.js';
import { excerpt } from '../text/excerpt.js';
import { decodeUtf8 } from './decode.js';
import { type Env, substituteEnv } from './env.js';
import { locate, type PathSegment } from './located.js';
import { parseSimpleYaml } from './simple-yaml.js';
import { MAX_FILE_BYTES, type Source } from './source.js';

/** Aliases a file may expand; enough for shared grant lists, far too few for a "billion laughs". */
const MAX_ALIAS_COUNT = 100;

export interface ParsedFile {
  name: string;
  doc: Document;
  lines: LineCounter;
  value: unknown;
  /**
   * Where `path` is written, as "file:line:col". It holds neither `value` nor this object, so
   * what keeps a place for later (a grant's `at`) does not keep the plain value alive, nor (for
   * a file the fast path read) a syntax tree until one is asked for.
   */
  place: (path: readonly PathSegment[]) => string;
}

export type ParseResult = { file?: ParsedFile; problems: Problem[] };

export function parseSource(source: Source, env: Env): ParseResult {
  const name = source.name;
  const at = (line: number, col: number, message: string): ParseResult => ({
    problems: [{ file: name, line, col, pointer: '', message }],
  });
  if (source.size > MAX_FILE_BYTES) {
    // Reading stops one byte past the limit when the size is not known beforehand (standard input).
    const mib = source.size === MAX_FILE_BYTES + 1 ? `more than ${MAX_FILE_BYTES / 1024 / 1024}` : (source.size / 1024 / 1024).toFixed(1);
    return at(1, 1, `The file is ${mib} MiB; state files are limited to ${MAX_FILE_BYTES / 1024 / 1024} MiB. Split it into several files in one directory.`);
  }
  const decoded = decodeUtf8(source.bytes);
  if (!decoded.ok) {
    const hex = decoded.byte.toString(16).padStart(2, '0');
    return at(decoded.at.line, decoded.at.col, `The file is not valid UTF-8 (byte 0x${hex}). Save it as UTF-8.`);
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return at(1, 1, 'The file is empty. A state file starts with _format_version: "1.0".');
  const simple = parseSimpleYaml(text);
  if (simple) return { file: withLazyPositions(name, text, simple.value), problems: [] };
  const { doc, lines } = parseFully(text);
  // Warnings (an unresolved tag like !!js/function) would silently turn into strings: refuse them.
  const problems: Problem[] = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { file: name, line: pos.line, col: pos.col, pointer: '', message: yamlMessage(e.code, e.message) };
  });
  if (problems.length > 0) return { problems };
  problems.push(...substituteEnv(doc, lines, name, env));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (/alias count/i.test(String((err as Error).message))) {
      return at(1, 1, `The file expands too many YAML aliases (over ${MAX_ALIAS_COUNT}). Write the repeated parts out, or use fewer anchors.`);
    }
    return at(1, 1, `YAML error: ${(err as Error).message.split('\n')[0]?.replace(/:\s*$/, '')}. An unquoted * starts an alias: write "*" in quotes.`);
  }
  return { file: { name, doc, lines, value, place: placer(name, () => ({ doc, lines })) }, problems };
}

function parseFully(text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true }), lines };
}

/**
 * A file the fast path read: its value now, its syntax tree (for line and column) only when a
 * problem or a notice asks where something is.
 */
function withLazyPositions(name: string, text: string, value: unknown): ParsedFile {
  let full: { doc: Document; lines: LineCounter } | undefined;
  const tree = () => (full ??= parseFully(text));
  return {
    name,
    value,
    place: placer(name, tree),
    get doc() {
      return tree().doc;
    },
    get lines() {
      return tree().lines;
    },
  };
}

/**
 * The yaml library's first line, made a sentence; its code tells us which hint helps. The library
 * quotes the file's text in double quotes ("Unexpected scalar token in YAML stream: "…""), which may
 * be a secret: each quoted span is cut to an excerpt.
 */
function yamlMessage(code: string, raw: string): string {
  const first = (raw.split('\n')[0] ?? raw)
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/;? ?please use YAML\.\w+\(\)\.?/, '')
    .replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => excerpt(unquote(quoted)))
    .trim();
  const hints: Record<string, string> = {
    DUPLICATE_KEY: 'A key appears twice in the same mapping; keep one.',
    TAB_AS_INDENT: 'Tabs cannot indent YAML; use spaces.',
    BAD_INDENT: 'Check the indentation of this line against the lines above it.',
    MISSING_CHAR: 'A closing quote or bracket is missing.',
    UNEXPECTED_TOKEN: 'Check the syntax here.',
    BAD_ALIAS: 'An unquoted * starts a YAML alias: write "*" in quotes.',
    TAG_RESOLVE_FAILED: 'orgdeck reads plain YAML only: remove the tag.',
    MULTIPLE_DOCS: 'A state file holds one document: split the others into files of their own.',
  };
  if (/call stack/i.test(first)) return 'The file nests too deeply to be a state file.';
  const hint = hints[code];
  const sentence = /[.!?]$/.test(first) ? first : `${first}.`;
  return `YAML syntax error: ${sentence}${hint ? ` ${hint}` : ''}`;
}

/** The text of a span the yaml library quoted with JSON.stringify; its inside as it stands if it is not JSON. */
function unquote(quoted: string): string {
  try {
    const text: unknown = JSON.parse(quoted);
    if (typeof text === 'string') return text;
  } catch {
    // not JSON: the characters between the quotes
  }
  return quoted.slice(1, -1);
}

/** The same file with another value; its syntax tree is still parsed only if asked for (a spread would parse it now). */
export function withValue(file: ParsedFile, value: unknown): ParsedFile {
  return {
    name: file.name,
    value,
    place: file.place,
    get doc() {
      return file.doc;
    },
    get lines() {
      return file.lines;
    },
  };
}

function placer(name: string, tree: () => { doc: Document; lines: LineCounter }): ParsedFile['place'] {
  return (path) => {
    const { doc, lines } = tree();
    const at = locate(doc, lines, path);
    return `${name}:${at.line}:${at.col}`;
  };
}

export function positionOf(file: ParsedFile, path: readonly PathSegment[], atKey = false) {
  return locate(file.doc, file.lines, path, atKey);
}
