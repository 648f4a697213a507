/**
 * A fast path for the YAML state files are made of: block mappings and sequences of plain or
 * simply quoted one-line scalars (and one-line lists like `teams: [Platform, Payments]`), as
 * `orgdeck dump` writes them and most people do. It returns a value only where the yaml library
 * (core schema) would return the same one; anything else — anchors, aliases, tags, other flow
 * collections, block or multi-line scalars,
 * escapes, comments after a quoted value, numbers other than plain integers, tabs, CR, control
 * characters, duplicate keys, env references — gives undefined, and the caller parses with the
 * yaml library, which also reports every error. Building no syntax tree, it is several times
 * faster and smaller; positions are found later, only when a problem needs one.
 */
import { afterSpaces, inlineValue, isItem, keyEnd, type Line, splitLines, trimSpaces, unquote } from './simple-yaml-lines.js';

/** Thrown inside the parser when the input leaves the subset; never escapes this module. */
class NotSimple extends Error {}

const MAX_DEPTH = 64;
const UNSAFE = /[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]|\$\{\{/;
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;

export function parseSimpleYaml(text: string): { value: unknown } | undefined {
  if (UNSAFE.test(text)) return undefined;
  const lines = splitLines(text);
  if (!lines || lines.length === 0) return undefined;
  try {
    const parser = new Parser(lines);
    const value = parser.node(0, 0);
    if (!parser.done()) return undefined;
    return { value };
  } catch (err) {
    if (err instanceof NotSimple) return undefined;
    throw err;
  }
}

class Parser {
  private at = 0;
  private readonly strings = new Map<string, string>();

  constructor(private readonly lines: Line[]) {}

  /**
   * A scalar, its strings kept once each: a 10,000-user file repeats its role names, entity
   * types, regions and team names tens of thousands of times, and the state keeps them all.
   */
  private scalar(text: string): unknown {
    const value = scalar(text);
    if (typeof value === 'string') return this.intern(value);
    return Array.isArray(value) ? value.map((x) => (typeof x === 'string' ? this.intern(x) : x)) : value;
  }

  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  done(): boolean {
    return this.at === this.lines.length;
  }

  /** The block node starting at the current line, which is indented `indent`. */
  node(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new NotSimple();
    const line = this.lines[this.at]!;
    if (isItem(line.text)) return this.sequence(indent, depth);
    if (keyEnd(line.text) >= 0) return this.mapping(indent, depth);
    throw new NotSimple(); // a scalar on its own line: a document that is a scalar, or a multi-line scalar
  }

  private mapping(indent: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.indent !== indent || isItem(line.text)) break;
      const colon = keyEnd(line.text);
      if (colon < 0) throw new NotSimple();
      const key = unquote(line.text.slice(0, colon));
      if (Object.hasOwn(out, key) || key === '__proto__') throw new NotSimple();
      this.at++;
      out[key] = this.valueAfter(inlineValue(line.text, colon), indent, depth, true);
    }
    this.noDeeperLine(indent);
    return out;
  }

  private sequence(indent: number, depth: number): unknown[] {
    const out: unknown[] = [];
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.indent !== indent || !isItem(line.text)) break;
      const rest = line.text.slice(afterSpaces(line.text, 1));
      if (rest === '') {
        this.at++;
        out.push(this.valueAfter(undefined, indent, depth, false));
      } else if (isItem(rest)) {
        throw new NotSimple(); // "- - x"
      } else if (keyEnd(rest) >= 0) {
        // A mapping that starts on the item's line: its keys line up with the first one.
        const column = indent + (line.text.length - rest.length);
        this.lines[this.at] = { indent: column, text: rest };
        out.push(this.mapping(column, depth + 1));
      } else {
        this.at++;
        out.push(this.scalar(rest));
        this.noDeeperLine(indent);
      }
    }
    this.noDeeperLine(indent);
    return out;
  }

  /** The value of `key:` (inline text, or the block below it) or of a bare `-`. */
  private valueAfter(inline: string | undefined, indent: number, depth: number, inMapping: boolean): unknown {
    if (inline !== undefined && inline !== '') {
      const value = this.scalar(inline);
      this.noDeeperLine(indent);
      return value;
    }
    const next = this.lines[this.at];
    if (next && next.indent > indent) return this.node(next.indent, depth + 1);
    // "key:" followed by "- item" at the key's own indentation is a sequence (YAML allows it).
    if (inMapping && next && next.indent === indent && isItem(next.text)) return this.sequence(indent, depth + 1);
    return null;
  }

  /** A line indented deeper than a finished node would continue a scalar: not simple. */
  private noDeeperLine(indent: number): void {
    const next = this.lines[this.at];
    if (next && next.indent > indent) throw new NotSimple();
  }
}

/** What the core schema reads as a number (int, octal, hex, float, infinity, not-a-number). */
export function isNumberLike(s: string): boolean {
  return (
    /^[-+]?[0-9]+$/.test(s) ||
    /^0o[0-7]+$/.test(s) ||
    /^0x[0-9a-fA-F]+$/.test(s) ||
    /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s) ||
    /^[-+]?\.(inf|Inf|INF)$/.test(s) ||
    /^\.(nan|NaN|NAN)$/.test(s)
  );
}

function mayStartNumber(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; // 0-9 + - .
}

/** One-line scalar, core schema; throws NotSimple for anything the yaml library might read otherwise. */
function scalar(s: string): unknown {
  if (s.startsWith('"')) {
    // "…" with no quote or backslash inside (escapes are the library's).
    if (s.length < 2 || s.indexOf('"', 1) !== s.length - 1 || s.includes('\\')) throw new NotSimple();
    return s.slice(1, -1);
  }
  if (s.startsWith("'")) {
    if (s.length < 2 || s.indexOf("'", 1) !== s.length - 1) throw new NotSimple();
    return s.slice(1, -1);
  }
  if (s === '[]') return [];
  if (s === '{}') return {};
  const list = s.startsWith('[') ? /^\[([^[\]{}"'#]*)\]$/.exec(s) : null;
  if (list) {
    const items = list[1]!.split(',').map(trimSpaces);
    // "[a, ]" and "[, a]" mean different things to different readers: leave them to the library.
    if (items.some((x) => x === '')) throw new NotSimple();
    return items.map(scalar);
  }
  if (INDICATOR.test(s) || s.includes(': ') || s.endsWith(':')) throw new NotSimple();
  if (s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  // Most scalars are names: only a digit, a sign or a dot can start a number.
  if (!mayStartNumber(s.charCodeAt(0))) return s;
  if (/^[0-9]{1,15}$/.test(s)) return Number(s);
  // Other numbers (signs, dots, exponents, 0x, 0o, .inf, .nan): the library's to read.
  if (isNumberLike(s)) throw new NotSimple();
  return s;
}
