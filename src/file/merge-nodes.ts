/**
 * Edits of a parsed YAML document in place, for `dump --merge-into`: a scalar gets its new
 * value in the node it had (its comment, quoting and place kept), items that went away leave
 * their list, new ones go at its end. Nothing here writes YAML text: the yaml library's
 * Document does, so what a person wrote around the edits stays as written.
 */
import { type Document, isMap, isScalar, isSeq, type Node, visit, type YAMLMap, type YAMLSeq } from 'yaml';

/** Counts one change to an item: the caller reports an item as updated when any of its fields moved. */
export interface Touch {
  changed: boolean;
}

/**
 * `key: value` becomes `value` unless the file's value (after environment substitution) already
 * equals it: a `${{ env "…" }}` reference that still yields the live value stays. `undefined`
 * removes the key.
 */
export function setField(doc: Document, map: YAMLMap, key: string, written: unknown, value: unknown, touch: Touch): void {
  if (written === value || (value === undefined && !map.has(key))) return;
  touch.changed = true;
  if (value === undefined) {
    map.delete(key);
    return;
  }
  const node = map.get(key, true);
  if (isScalar(node) && !isObjectLike(value)) node.value = value;
  else map.set(key, doc.createNode(value));
}

/**
 * Keeps the items of `seq` for which `keep(index)` is true, in their order, and appends `added`.
 * A removed item takes its own comment with it; a comment above the whole list stays.
 */
export function reconcileSeq(doc: Document, seq: YAMLSeq, keep: (index: number) => boolean, added: readonly unknown[], touch: Touch): void {
  const kept = seq.items.filter((_, i) => keep(i));
  if (kept.length === seq.items.length && added.length === 0) return;
  touch.changed = true;
  // `users: []` that gains people becomes a block list, as dump writes it; `[a, b]` stays flow.
  if (seq.items.length === 0) seq.flow = false;
  seq.items = [...kept, ...added.map((v) => doc.createNode(v) as Node)];
}

/** The list under `key`, made when missing and there is something to put in it. */
export function listUnder(doc: Document, map: YAMLMap, key: string, added: readonly unknown[], touch: Touch): YAMLSeq | undefined {
  const node = map.get(key, true);
  if (isSeq(node)) return node;
  if (added.length === 0) return undefined;
  touch.changed = true;
  const seq = doc.createNode([]) as YAMLSeq;
  map.set(key, seq);
  return seq;
}

/**
 * The list under `key` of an item: the written items `keep` says still hold, then `added`. A
 * list written through an alias (`roles: *shared`) is replaced by its plain items when anything
 * changes, since the edit must not reach the other places that share it. A block list left empty
 * goes with its key (`roles:` with nothing under it would read as null), unless `keepEmpty`:
 * then it becomes `key: []`.
 */
export function reconcileList(doc: Document, map: YAMLMap, key: string, written: readonly unknown[], keep: (index: number) => boolean, added: readonly unknown[], touch: Touch, keepEmpty = false): void {
  const node = map.get(key, true);
  if (isSeq(node)) {
    reconcileSeq(doc, node, keep, added, touch);
    if (node.items.length === 0 && !node.flow) {
      if (keepEmpty) node.flow = true;
      else map.delete(key);
    }
    return;
  }
  const kept = written.filter((_, i) => keep(i));
  if (kept.length === written.length && added.length === 0) return;
  touch.changed = true;
  if (kept.length + added.length === 0 && !keepEmpty) map.delete(key);
  else map.set(key, doc.createNode([...kept, ...added]));
}

export function mapAt(doc: Document, path: readonly (string | number)[]): YAMLMap | undefined {
  const node = doc.getIn(path, true);
  return isMap(node) ? node : undefined;
}

export function seqAt(doc: Document, path: readonly (string | number)[]): YAMLSeq | undefined {
  const node = doc.getIn(path, true);
  return isSeq(node) ? node : undefined;
}

function isObjectLike(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

export interface WriteStyle {
  indent: number;
  indentSeq: boolean;
  flowCollectionPadding: boolean;
  lineWidth: 0;
}

/**
 * The layout the file is written in, so the Document writes unchanged lines back as they were:
 * its indentation, whether list items are indented under their key, and whether flow
 * collections pad their brackets (`[ a, b ]` or `[a, b]`; the more frequent one when a file
 * mixes them, since the library applies one to the whole file).
 */
export function styleOf(text: string, doc: Document): WriteStyle {
  const lines = text.split('\n');
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  for (let i = 0; i + 1 < lines.length && (indent === undefined || indentSeq === undefined); i++) {
    const key = /^(\s*)[^\s#-][^#]*:\s*(#.*)?$/.exec(lines[i]!);
    const below = lines[i + 1]!;
    if (!key || below.trim() === '' || below.trim().startsWith('#')) continue;
    const next = /^(\s*)(-\s)?/.exec(below)!;
    const step = next[1]!.length - key[1]!.length;
    if (step > 0) indent ??= step;
    if (next[2] && step >= 0) indentSeq ??= step > 0;
  }
  let padded = 0;
  let tight = 0;
  visit(doc, {
    Collection(_, node) {
      if (!node.flow || !node.range || node.items.length === 0) return;
      if (/\s/.test(text[node.range[0] + 1] ?? '')) padded++;
      else tight++;
    },
  });
  return { indent: indent ?? 2, indentSeq: indentSeq ?? true, flowCollectionPadding: padded > tight, lineWidth: 0 };
}
