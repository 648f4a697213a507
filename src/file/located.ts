/** Map JSON pointers back to line and column in the YAML a user wrote. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface Position {
  line: number;
  col: number;
}

export type PathSegment = string | number;

/** JSON pointer (RFC 6901) for a path. */
export function toPointer(path: readonly PathSegment[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Position of the node at `path`; with `atKey`, of the mapping key naming its last segment
 * (where an unknown property is best pointed at). Falls back to the nearest existing ancestor.
 */
export function locate(doc: Document, lines: LineCounter, path: readonly PathSegment[], atKey = false): Position {
  let node: unknown = doc.contents;
  let best = offsetOf(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (last && atKey) {
        best = offsetOf(pair.key) ?? best;
        break;
      }
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(seg)];
    } else {
      break;
    }
    const at = offsetOf(node);
    if (at === undefined) break;
    best = at;
  }
  const pos = lines.linePos(best);
  return { line: pos.line, col: pos.col };
}

function offsetOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}
