/** Read every page of a Konnect list (page[size]/page[number], 1-based, meta.page.total = items). */
import type { Host } from '../model.js';
import type { Page } from './api-types.js';
import type { KonnectClient, Query } from './client.js';

export const PAGE_SIZE = 100;

/** `onItems(done, total)`: items read so far, of how many the first page announced. */
export async function listAll<T>(client: KonnectClient, host: Host, path: string, query: Query = {}, onItems?: (done: number, total: number) => void): Promise<T[]> {
  const first = await fetchPage<T>(client, host, path, query, 1);
  const items = [...(first.data ?? [])];
  const total = first.meta?.page?.total ?? items.length;
  const pages = Math.ceil(total / PAGE_SIZE);
  let done = items.length;
  onItems?.(done, total);
  // The first page tells how many there are; the rest can be fetched concurrently.
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, async (_, i) => {
      const page = await fetchPage<T>(client, host, path, query, i + 2);
      done += page.data?.length ?? 0;
      onItems?.(Math.min(done, total), total);
      return page;
    }),
  );
  for (const page of rest) items.push(...(page.data ?? []));
  return items;
}

async function fetchPage<T>(client: KonnectClient, host: Host, path: string, query: Query, number: number): Promise<Page<T>> {
  const res = await client.call<Page<T>>(host, 'GET', path, { query: { ...query, 'page[size]': PAGE_SIZE, 'page[number]': number } });
  return res.body ?? {};
}
