/**
 * A principal's `teams` as written: plain team names beside `{ name, expires }` items (a
 * membership that ends by itself). Every reader of the list goes through here, so an item of
 * either form counts as a team everywhere: duplicates, undeclared names, look-alikes, explain.
 */
import { child, type Entry, isObj, str } from './written.js';

export interface TeamItem {
  name: string;
  /** Where the name is written (the item itself, or its `name`), worked out when asked: most never are. */
  at: () => Entry;
  /** The item's `expires`, when it is a mapping that has one. */
  expires?: () => Entry;
}

/** Items whose name is not a string (the schema reports those) are left out. */
export function teamItems(list: Entry): TeamItem[] {
  if (!Array.isArray(list.value)) return [];
  const items: TeamItem[] = [];
  list.value.forEach((v, i) => {
    if (typeof v === 'string') {
      items.push({ name: v, at: () => child(list, i) });
      return;
    }
    const name = isObj(v) ? str(v.name) : undefined;
    if (name === undefined) return;
    items.push({ name, at: () => child(list, i, 'name'), ...(isObj(v) && v.expires !== undefined ? { expires: () => child(list, i, 'expires') } : {}) });
  });
  return items;
}

/** The team an item names, of either form; undefined when it names none. */
export function teamNameOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  return isObj(item) ? str(item.name) : undefined;
}
