/**
 * The lines of simple-yaml.ts's fast path: a file cut into lines that say something, and the
 * `key:` and `- item` forms a line can take, read by hand rather than with regular expressions
 * (their match arrays were a tenth of what reading a 10,000-person file allocated).
 */

export interface Line {
  indent: number;
  /** The line after its indentation, trailing spaces removed. */
  text: string;
}

/**
 * The lines that say something, comments cut; undefined for what the full parser must read. A
 * function of its own so that the raw lines are let go before the parse. One slice per line:
 * a 10,000-person file has some 160,000 lines, and splitting then trimming each made three.
 */
export function splitLines(text: string): Line[] | undefined {
  const lines: Line[] = [];
  // The next " #" at or after the current line, searched for again only once passed: one
  // search per line would scan to the next comment, maybe the end of the file, each time.
  const commentFrom = (at: number) => {
    const i = text.indexOf(' #', at);
    return i < 0 ? text.length : i;
  };
  let comment = commentFrom(0);
  for (let start = 0, next = 0; start <= text.length; start = next) {
    const newline = text.indexOf('\n', start);
    const stop = newline < 0 ? text.length : newline;
    next = stop + 1;
    // YAML trims spaces (tabs and CR never get here: UNSAFE). Any other blank, a no-break space,
    // stays in the text as the library keeps it; at the start, no key or item matches it.
    const from = afterSpaces(text, start);
    let to = beforeSpaces(text, stop, from);
    if (from === to || text.charCodeAt(from) === 35) continue; // blank, or a comment line (#)
    if (comment < from) comment = commentFrom(from);
    if (comment < to) {
      // A comment after the value; with a quote before it, the # may be inside a string.
      if (/["']/.test(text.slice(from, comment))) return undefined;
      to = beforeSpaces(text, comment, from);
    }
    const indent = from - start;
    const trimmed = text.slice(from, to);
    // Document markers and directives belong to the full parser.
    if (indent === 0 && (trimmed === '---' || trimmed === '...' || trimmed.startsWith('--- ') || trimmed.startsWith('%'))) return undefined;
    lines.push({ indent, text: trimmed });
  }
  return lines;
}

export function isItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/**
 * Where the key of `key:` or `key: value` ends (at its colon), or -1 when the line is no such
 * pair: a plain key ([A-Za-z_][A-Za-z0-9_./-]*) or one quoted without escapes, a colon, then the
 * end of the line or spaces.
 */
export function keyEnd(text: string): number {
  const first = text.charCodeAt(0);
  let i = 1;
  if (first === 34 || first === 39) {
    // "…" or '…'
    const close = text.indexOf(first === 34 ? '"' : "'", 1);
    if (close < 0) return -1;
    if (first === 34) {
      const backslash = text.indexOf('\\', 1);
      if (backslash >= 0 && backslash < close) return -1;
    }
    i = close + 1;
  } else {
    if (!isKeyChar(first) || (first >= 48 && first <= 57) || first === 46 || first === 47 || first === 45) return -1;
    while (i < text.length && isKeyChar(text.charCodeAt(i))) i++;
  }
  if (text.charCodeAt(i) !== 58) return -1; // :
  return i + 1 === text.length || text.charCodeAt(i + 1) === 32 ? i : -1;
}

/** [A-Za-z0-9_./-] */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 47 || c === 45;
}

/** The text after `key:` and its spaces, or undefined when the line ends at the colon. */
export function inlineValue(text: string, colon: number): string | undefined {
  return colon + 1 === text.length ? undefined : text.slice(afterSpaces(text, colon + 1));
}

/**
 * The first index from `i` on that is not a space. Spaces only: String.trim would also take a
 * no-break space, which YAML keeps as part of the value.
 */
export function afterSpaces(text: string, i: number): number {
  while (text.charCodeAt(i) === 32) i++;
  return i;
}

/** Where the spaces that end `text` before `to` begin, not before `from`. */
function beforeSpaces(text: string, to: number, from: number): number {
  while (to > from && text.charCodeAt(to - 1) === 32) to--;
  return to;
}

export function trimSpaces(text: string): string {
  const from = afterSpaces(text, 0);
  return text.slice(from, beforeSpaces(text, text.length, from));
}

export function unquote(key: string): string {
  return key.startsWith('"') || key.startsWith("'") ? key.slice(1, -1) : key;
}
