import { describe, expect, it } from 'vitest';
import { findBy, groupedBy, inTableOrder, without } from '../../src/local-org/store/lookup.js';

interface Row {
  id: string;
  owner: string;
}

describe('indexes over the local org tables', () => {
  it('groups rows by key in table order, and keeps up with rows pushed later', () => {
    const table: Row[] = [{ id: 'a', owner: 'x' }, { id: 'b', owner: 'y' }];
    const index = groupedBy(table, 'owner', (r) => r.owner);
    expect(index.get('x')?.map((r) => r.id)).toEqual(['a']);
    table.push({ id: 'c', owner: 'x' });
    // The same index, with the new row added to it (not built again).
    expect(groupedBy(table, 'owner', (r) => r.owner)).toBe(index);
    expect(index.get('x')?.map((r) => r.id)).toEqual(['a', 'c']);
    expect(findBy(table, 'id', (r) => r.id, 'c')?.owner).toBe('x');
  });

  it('a replaced table (how rows are deleted) is indexed afresh', () => {
    let table: Row[] = [{ id: 'a', owner: 'x' }, { id: 'b', owner: 'x' }];
    expect(groupedBy(table, 'owner', (r) => r.owner).get('x')).toHaveLength(2);
    table = table.filter((r) => r.id !== 'a');
    expect(groupedBy(table, 'owner', (r) => r.owner).get('x')?.map((r) => r.id)).toEqual(['b']);
    expect(findBy(table, 'id', (r) => r.id, 'a')).toBeUndefined();
  });

  it('two indexes of one table do not mix', () => {
    const table: Row[] = [{ id: 'a', owner: 'b' }];
    expect(findBy(table, 'id', (r) => r.id, 'b')).toBeUndefined();
    expect(findBy(table, 'owner', (r) => r.owner, 'b')?.id).toBe('a');
  });

  it('rows by id come back in table order, each once, unknown ids left out', () => {
    const table: Row[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, owner: '' }));
    expect(inTableOrder(table, ['d', 'b', 'zz', 'b']).map((r) => r.id)).toEqual(['b', 'd']);
    table.push({ id: 'e', owner: '' });
    expect(inTableOrder(table, ['e', 'a']).map((r) => r.id)).toEqual(['a', 'e']);
  });
});

describe('without: deleting rows keeps the indexes', () => {
  it('moves every index of the old table to the new one, less the dropped rows', () => {
    const table: Row[] = [{ id: 'a', owner: 'x' }, { id: 'b', owner: 'x' }, { id: 'c', owner: 'y' }];
    const index = groupedBy(table, 'owner', (r) => r.owner);
    expect(index.get('x')).toHaveLength(2);
    expect(findBy(table, 'id', (r) => r.id, 'a')?.owner).toBe('x');
    const next = without(table, (r) => r.id === 'a');
    expect(next.map((r) => r.id)).toEqual(['b', 'c']);
    // Moved, not rebuilt: the new table answers from the same index.
    expect(groupedBy(next, 'owner', (r) => r.owner)).toBe(index);
    expect(groupedBy(next, 'owner', (r) => r.owner).get('x')?.map((r) => r.id)).toEqual(['b']);
    expect(findBy(next, 'id', (r) => r.id, 'a')).toBeUndefined();
    next.push({ id: 'd', owner: 'x' });
    expect(groupedBy(next, 'owner', (r) => r.owner).get('x')?.map((r) => r.id)).toEqual(['b', 'd']);
    expect(groupedBy(next, 'owner', (r) => r.owner).get('y')?.map((r) => r.id)).toEqual(['c']);
  });

  it('a group left empty is gone, and an index not yet caught up is rebuilt rather than moved', () => {
    const table: Row[] = [{ id: 'a', owner: 'x' }];
    const behind = groupedBy(table, 'owner', (r) => r.owner);
    table.push({ id: 'b', owner: 'z' }); // the index has not seen b yet
    const next = without(table, (r) => r.owner === 'x');
    expect(groupedBy(next, 'owner', (r) => r.owner)).not.toBe(behind);
    expect(groupedBy(next, 'owner', (r) => r.owner).has('x')).toBe(false);
    expect(groupedBy(next, 'owner', (r) => r.owner).get('z')?.map((r) => r.id)).toEqual(['b']);
  });
  it('dropping nothing keeps the table (and its indexes); rows by id keep table order after a delete', () => {
    const table: Row[] = ['a', 'b', 'c'].map((id) => ({ id, owner: '' }));
    expect(without(table, () => false)).toBe(table);
    expect(inTableOrder(table, ['c', 'a']).map((r) => r.id)).toEqual(['a', 'c']);
    const next = without(table, (r) => r.id === 'a');
    expect(inTableOrder(next, ['c', 'b', 'a']).map((r) => r.id)).toEqual(['b', 'c']);
  });
});

describe('an index never answers for a table it no longer matches', () => {
  it('a row spliced out in place and another pushed (same table, same length) is indexed afresh', () => {
    const table: Row[] = [{ id: 'a', owner: 'x' }, { id: 'b', owner: 'x' }];
    expect(groupedBy(table, 'owner', (r) => r.owner).get('x')?.map((r) => r.id)).toEqual(['a', 'b']);
    expect(inTableOrder(table, ['a', 'b']).map((r) => r.id)).toEqual(['a', 'b']);
    table.splice(0, 1);
    table.push({ id: 'c', owner: 'y' });
    expect(groupedBy(table, 'owner', (r) => r.owner).get('x')?.map((r) => r.id)).toEqual(['b']);
    expect(groupedBy(table, 'owner', (r) => r.owner).get('y')?.map((r) => r.id)).toEqual(['c']);
    expect(inTableOrder(table, ['c', 'a', 'b']).map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('after any run of pushes and deletes, every answer is what a scan of the table gives', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    let table: Row[] = [];
    let next = 0;
    for (let step = 0; step < 400; step++) {
      const op = random(3);
      if (op === 0 || table.length === 0) table.push({ id: `r${next++}`, owner: `o${random(5)}` });
      else if (op === 1) {
        const owner = `o${random(5)}`;
        table = without(table, (r) => r.owner === owner && random(2) === 0);
      } else {
        const owner = `o${random(5)}`;
        const ids = [`r${random(next + 1)}`, `r${random(next + 1)}`];
        expect(groupedBy(table, 'owner', (r) => r.owner).get(owner) ?? []).toEqual(table.filter((r) => r.owner === owner));
        expect(findBy(table, 'id', (r) => r.id, ids[0]!)).toBe(table.find((r) => r.id === ids[0]));
        expect(inTableOrder(table, ids)).toEqual(table.filter((r) => ids.includes(r.id)));
      }
    }
  });
});
