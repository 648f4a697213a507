/**
 * Read a Konnect list whole (page[size]/page[number], 1-based; meta.page.total counts items) and
 * check it as a whole: every page as long as the total says, the total the same on every page,
 * no id twice, and a total no larger than MAX_LIST_TOTAL. A list that does not add up is read
 * once more from the start (someone may have changed the org meanwhile), then refused: a plan
 * made from half a list would delete the other half.
 */
import { ResponseError, UsageError } from '../errors.js';
import type { Host } from '../model.js';
import type { List } from './api-types.js';
import type { KonnectClient, Query } from './client.js';
import { Feed } from './feed.js';
import { checkShape, type Shape } from './shape.js';

export const PAGE_SIZE = 100;

/**
 * The longest list orgdeck reads, in items. Konnect publishes no limit; 100,000 users (or teams,
 * or members of one team) is far beyond any organization we know of, and a larger total is taken
 * for a broken or hostile answer rather than fetched (1,000 requests at most per list).
 */
export const MAX_LIST_TOTAL = 100_000;

/**
 * Role assignments of one user, team or system account. The assigned-role lists take no page
 * parameters, so one answer holds them all (at most 16 MB, the client's cap, about 80,000); a
 * person with 5,000 grants already holds one per entity of a very large org, so more is taken
 * for a broken or hostile answer.
 */
export const MAX_GRANTS_PER_PRINCIPAL = 5_000;

/**
 * Items of every list in one read of the organization: users, teams, members, role assignments,
 * system accounts and entities together. Each list may be within its cap while all of them
 * exhaust memory (99,999 users with 500 grants each is 50 million). A 50,000-user organization
 * with three teams and ten grants per person reads about 700,000; past 2,000,000 the read stops
 * with a sentence, while the state it holds is still a few hundred megabytes.
 */
export const MAX_ITEMS_READ = 2_000_000;

const budgets = new WeakMap<KonnectClient, { read: number }>();

/** From now on, the lists this client reads count against MAX_ITEMS_READ (one read of the organization). */
export function startReadBudget(client: KonnectClient): void {
  budgets.set(client, { read: 0 });
}

/** Counts `items` read from `path` against the budget of the read under way; past MAX_ITEMS_READ, a UsageError. */
export function chargeItems(client: KonnectClient, path: string, items: number): void {
  const budget = budgetOf(client);
  if (!budget) return;
  budget.read += items;
  if (budget.read <= MAX_ITEMS_READ) return;
  const n = (x: number) => x.toLocaleString('en-US');
  throw new UsageError(
    `Konnect listed more than ${n(MAX_ITEMS_READ)} items (users, teams, members, role assignments, accounts and entities together) in one read of the organization, the most orgdeck holds in memory; it stopped at GET ${path}. A 50,000-user organization reads about 700,000. Check that --konnect-addr (or KONNECT_ADDR) points at Konnect; if it does, narrow what is read with _info.select_team_labels and unlisted_users: ignore.`,
  );
}

/** A plan step's view of a client (`tagged`) is made with Object.create: it counts against its client's budget. */
function budgetOf(client: KonnectClient): { read: number } | undefined {
  for (let c: object | null = client; c !== null; c = Object.getPrototypeOf(c)) {
    const budget = budgets.get(c as KonnectClient);
    if (budget) return budget;
  }
  return undefined;
}

/** Pages of one list requested at a time, so memory follows what was read, never what was claimed. */
export const PAGE_WINDOW = 4;

export interface ListOptions<T = unknown> {
  query?: Query;
  /** false: the endpoint takes no page parameters (assigned roles) and answers the whole list at once. */
  paged?: boolean;
  /** Items read so far, of the total the first page announced (for a progress line). */
  onItems?: (done: number, total: number) => void;
  /**
   * Each page's items once the page has passed its checks, so work on them can start before the
   * list is whole. A list read again from the start (it did not add up) delivers pages again.
   */
  onPage?: (items: readonly T[]) => void;
}

/** Thrown inside one read of a list; becomes a retry, then a ResponseError. */
class Inconsistent extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function listAll<T extends { id: string }>(client: KonnectClient, host: Host, path: string, shape: Shape<List<T>>, opts: ListOptions<T> = {}): Promise<T[]> {
  try {
    return await readWhole(client, host, path, shape, opts);
  } catch (first) {
    if (!(first instanceof Inconsistent)) throw first;
    try {
      return await readWhole(client, host, path, shape, opts);
    } catch (second) {
      if (!(second instanceof Inconsistent)) throw second;
      throw new ResponseError('GET', path, second.status, `a list that does not add up, twice in a row: ${second.message}`);
    }
  }
}

async function readWhole<T extends { id: string }>(client: KonnectClient, host: Host, path: string, shape: Shape<List<T>>, opts: ListOptions<T>): Promise<T[]> {
  const paged = opts.paged !== false;
  const read = async (number: number) => {
    const query = paged ? { ...opts.query, 'page[size]': PAGE_SIZE, 'page[number]': number } : opts.query;
    const res = await client.call(host, 'GET', path, query ? { query } : {});
    return { status: res.status, list: checkShape(shape, res.body, 'GET', paged ? `${path} (page ${number})` : path, res.status) };
  };
  const first = await read(1);
  const total = first.list.meta.page.total;
  if (total > MAX_LIST_TOTAL) {
    throw new ResponseError('GET', path, first.status, `meta.page.total ${total}, more than the ${MAX_LIST_TOTAL.toLocaleString('en-US')} items orgdeck reads from one list`);
  }
  // Only the assigned-role lists are unpaged: one principal's grants.
  if (!paged && Math.max(total, first.list.data.length) > MAX_GRANTS_PER_PRINCIPAL) {
    throw new ResponseError('GET', path, first.status, `${Math.max(total, first.list.data.length)} role assignments for one principal, more than the ${MAX_GRANTS_PER_PRINCIPAL.toLocaleString('en-US')} orgdeck reads for one`);
  }
  const pages = paged ? Math.max(1, Math.ceil(total / PAGE_SIZE)) : 1;
  const ids = new Map<string, number>();
  const accept = (number: number, status: number, list: List<T>) => {
    const expected = paged ? Math.min(PAGE_SIZE, total - (number - 1) * PAGE_SIZE) : total;
    if (list.meta.page.total !== total) throw new Inconsistent(status, `meta.page.total was ${total} on page 1 but ${list.meta.page.total} on page ${number}`);
    if (list.data.length !== expected) {
      throw new Inconsistent(status, paged ? `page ${number} held ${list.data.length} items where a total of ${total} means ${expected}` : `${list.data.length} items where meta.page.total says ${total}`);
    }
    chargeItems(client, path, list.data.length);
    for (const item of list.data) {
      const seen = ids.get(item.id);
      if (seen !== undefined) throw new Inconsistent(status, `id ${item.id} listed twice (pages ${seen} and ${number})`);
      ids.set(item.id, number);
    }
    opts.onPage?.(list.data);
  };
  accept(1, first.status, first.list);
  let done = first.list.data.length;
  opts.onItems?.(done, total);
  // One page (every assigned-role list, most member lists): no page window to set up.
  if (pages === 1) return first.list.data;
  const rest: T[][] = [];
  const pageReads = new Feed<number>(PAGE_WINDOW, async (i) => {
    const { status, list } = await read(i + 2);
    accept(i + 2, status, list);
    rest[i] = list.data;
    done += list.data.length;
    opts.onItems?.(done, total);
  });
  // Pages 2.. at most PAGE_WINDOW at a time; none starts after one has failed.
  pageReads.add(Array.from({ length: pages - 1 }, (_, i) => i));
  await pageReads.done();
  return [first.list.data, ...rest].flat();
}
