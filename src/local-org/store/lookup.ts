/**
 * Indexes over the org's tables, so that a read of one user's roles or one team's members does
 * not scan every row: at org-10k sizes those scans made the local org, not the client, the
 * slowest part of a benchmark. Tables are only ever appended to (push) or replaced (`without`),
 * so a table's identity and length tell whether an index built from it still holds, provided
 * the key is a field no record changes (ids, a user's email; not a team's name, which PATCH
 * changes in place). The row an index saw last is checked too: a table edited in place and
 * grown back (a row spliced out, another pushed) is indexed afresh, not answered from the past.
 */
interface Seen {
  /** Rows indexed so far: the table's first `length`. */
  length: number;
  /** The row at `length - 1` when it was indexed. */
  last: unknown;
}

interface Built extends Seen {
  key: (row: never) => string;
  index: Map<string, unknown[]>;
}

/** Whether an index that has seen `seen` of `table` can be caught up by reading the rows after it. */
function holds(seen: Seen | undefined, table: readonly unknown[]): seen is Seen {
  return seen !== undefined && seen.length <= table.length && (seen.length === 0 || table[seen.length - 1] === seen.last);
}

const indexes = new WeakMap<readonly unknown[], Map<string, Built>>();

/** The rows of `table` grouped by `key`, in table order; `name` tells indexes of one table apart. */
export function groupedBy<T>(table: readonly T[], name: string, key: (row: T) => string): ReadonlyMap<string, readonly T[]> {
  const mine = indexes.get(table) ?? new Map<string, Built>();
  indexes.set(table, mine);
  // Rows pushed since the index was built are added to it; a table only shrinks by being replaced.
  const had = mine.get(name);
  const built: Built = holds(had, table) ? had : { length: 0, last: undefined, key, index: new Map<string, unknown[]>() };
  mine.set(name, built);
  const index = built.index as Map<string, T[]>;
  for (let i = built.length; i < table.length; i++) {
    const row = table[i]!;
    const k = key(row);
    const rows = index.get(k);
    if (rows) rows.push(row);
    else index.set(k, [row]);
  }
  built.length = table.length;
  built.last = table[table.length - 1];
  return index;
}

/**
 * `table` without the rows `drop` picks, as a new array: how the org deletes rows. The old
 * table's indexes move to the new one, less the dropped rows, so a delete costs its rows, not
 * a rebuild of every index (a sync deletes hundreds of memberships and grants one by one).
 */
export function without<T>(table: readonly T[], drop: (row: T) => boolean): T[] {
  const kept: T[] = [];
  const dropped: T[] = [];
  for (const row of table) (drop(row) ? dropped : kept).push(row);
  if (dropped.length === 0) return table as T[];
  const mine = indexes.get(table);
  if (!mine) return kept;
  const moved = new Map<string, Built>();
  for (const [name, built] of mine) {
    if (built.length !== table.length || !holds(built, table)) continue; // behind the table: rebuilt on next use
    const key = built.key as (row: T) => string;
    for (const row of dropped) {
      const k = key(row);
      const rows = built.index.get(k);
      const at = rows ? rows.indexOf(row) : -1;
      if (at >= 0) rows!.splice(at, 1);
      if (rows && rows.length === 0) built.index.delete(k);
    }
    built.length = kept.length;
    built.last = kept[kept.length - 1];
    moved.set(name, built);
  }
  indexes.delete(table);
  indexes.set(kept, moved);
  return kept;
}

/** The first row of `table` whose `key` is `value`. */
export function findBy<T>(table: readonly T[], name: string, key: (row: T) => string, value: string): T | undefined {
  return groupedBy(table, name, key).get(value)?.[0];
}

const positions = new WeakMap<readonly unknown[], Seen & { at: Map<string, number> }>();

/** The rows whose ids are given, in table order (the order a list endpoint pages through). */
export function inTableOrder<T extends { id: string }>(table: readonly T[], ids: Iterable<string>): T[] {
  const had = positions.get(table);
  const p = holds(had, table) ? had : { length: 0, last: undefined, at: new Map<string, number>() };
  positions.set(table, p);
  for (let i = p.length; i < table.length; i++) p.at.set(table[i]!.id, i);
  p.length = table.length;
  p.last = table[table.length - 1];
  const at = p.at;
  const found: number[] = [];
  for (const id of ids) {
    const i = at.get(id);
    if (i !== undefined) found.push(i);
  }
  return [...new Set(found)].sort((a, b) => a - b).map((i) => table[i]!);
}
