/**
 * Konnect's list query language: `filter[<field>][<op>]=value` (deepObject style, with
 * `filter[labels.<key>][<op>]` on teams) and number-based `page[size]` / `page[number]`.
 */
import type { InvalidParameter } from '../store/errors.js';
import { badRequest } from './problem.js';

export type FilterOp = 'eq' | 'neq' | 'contains' | 'oeq' | 'ocontains' | 'exists';

/** Allowed operators per field; 'boolean' marks a `filter[field]=true|false` field. */
export type FilterSpec = Record<string, readonly FilterOp[] | 'boolean'>;

export interface Filter {
  field: string;
  /** Set for `filter[labels.<key>]`. */
  labelKey?: string;
  op: FilterOp;
  value: string | boolean;
}

const FILTER_KEY = /^filter\[([^\]]+)\](?:\[([^\]]*)\])?$/;

/**
 * Parses every `filter[...]` parameter. An unknown field or operator is Konnect's 400
 * `[<op>] is not a supported filter operation` (IDv3 example), never silently ignored.
 */
export function parseFilters(query: URLSearchParams, spec: FilterSpec, labelOps?: readonly FilterOp[]): Filter[] {
  const filters: Filter[] = [];
  const problems: InvalidParameter[] = [];
  for (const [key, value] of query) {
    if (!key.startsWith('filter')) continue;
    const m = FILTER_KEY.exec(key);
    if (!m) {
      problems.push({ field: key, reason: 'is not a valid filter' });
      continue;
    }
    const field = m[1]!;
    const rawOp = m[2];
    const isLabel = labelOps !== undefined && field.startsWith('labels.') && field.length > 'labels.'.length;
    const allowed = isLabel ? labelOps : spec[field];
    if (allowed === undefined) {
      problems.push({ field: `[filter][${field}]`, reason: `[${field}] is not a supported filter field` });
      continue;
    }
    if (allowed === 'boolean') {
      if (rawOp !== undefined && rawOp !== 'eq') {
        problems.push({ field: `[filter][${field}][${rawOp}]`, reason: `[${rawOp}] is not a supported filter operation` });
      } else if (value !== 'true' && value !== 'false') {
        problems.push({ field: `[filter][${field}]`, rule: 'is_boolean', reason: 'must be a boolean' });
      } else {
        filters.push({ field, op: 'eq', value: value === 'true' });
      }
      continue;
    }
    const op = (rawOp ?? 'eq') as FilterOp;
    if (!allowed.includes(op)) {
      problems.push({ field: `[filter][${field}][${op}]`, reason: `[${op}] is not a supported filter operation` });
      continue;
    }
    if (op === 'exists' && value !== 'true' && value !== 'false') {
      problems.push({ field: `[filter][${field}][exists]`, rule: 'is_boolean', reason: 'must be a boolean' });
      continue;
    }
    filters.push({
      field: isLabel ? 'labels' : field,
      ...(isLabel ? { labelKey: field.slice('labels.'.length) } : {}),
      op,
      value: op === 'exists' ? value === 'true' : value,
    });
  }
  if (problems.length > 0) throw badRequest(problems);
  return filters;
}

/** Field readers for filtering; `labels` must return the label map. */
export type FieldReaders<T> = Record<string, (item: T) => unknown>;

function matchOne(actual: unknown, filter: Filter, caseInsensitive: boolean): boolean {
  if (filter.op === 'exists') return (actual !== undefined) === filter.value;
  if (typeof filter.value === 'boolean') return actual === filter.value;
  if (actual === undefined || actual === null) return filter.op === 'neq';
  const fold = (s: string) => (caseInsensitive ? s.toLowerCase() : s);
  const have = fold(String(actual));
  const want = fold(filter.value);
  const list = want.split(',');
  switch (filter.op) {
    case 'eq':
      return have === want;
    case 'neq':
      return have !== want;
    case 'contains':
      return have.includes(want);
    case 'oeq':
      return list.includes(have);
    case 'ocontains':
      return list.some((w) => have.includes(w));
    default:
      return false;
  }
}

export function applyFilters<T>(
  items: readonly T[],
  filters: readonly Filter[],
  readers: FieldReaders<T>,
  caseInsensitive: ReadonlySet<string> = new Set(),
): T[] {
  return items.filter((item) =>
    filters.every((f) => {
      const raw = readers[f.field]?.(item);
      const actual = f.labelKey === undefined ? raw : (raw as Record<string, string> | undefined)?.[f.labelKey];
      return matchOne(actual, f, caseInsensitive.has(f.field));
    }),
  );
}

export interface Page {
  number: number;
  size: number;
}

// Konnect documents neither the default nor the maximum page size; 100 is known to work.
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

function readPositiveInt(query: URLSearchParams, key: string, fallback: number, problems: InvalidParameter[]): number {
  const raw = query.get(key);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    problems.push({ field: key, rule: 'is_integer', reason: 'must be an integer', source: 'query' });
    return fallback;
  }
  const n = Number(raw);
  if (n < 1) problems.push({ field: key, rule: 'min', minimum: 1, reason: 'must be at least 1', source: 'query' });
  return n;
}

export function parsePage(query: URLSearchParams, defaultSize = DEFAULT_PAGE_SIZE): Page {
  const problems: InvalidParameter[] = [];
  const size = readPositiveInt(query, 'page[size]', defaultSize, problems);
  const number = readPositiveInt(query, 'page[number]', 1, problems);
  if (size > MAX_PAGE_SIZE) {
    problems.push({ field: 'page[size]', rule: 'max', maximum: MAX_PAGE_SIZE, reason: `must be at most ${MAX_PAGE_SIZE}`, source: 'query' });
  }
  if (problems.length > 0) throw badRequest(problems);
  return { number, size };
}

/** `meta.page.total` counts matching items, not pages; a page past the end is empty. */
export function paginate<T>(items: readonly T[], page: Page): { meta: { page: Page & { total: number } }; data: T[] } {
  const start = (page.number - 1) * page.size;
  return { meta: { page: { ...page, total: items.length } }, data: items.slice(start, start + page.size) };
}
