/** What the local org was asked, for rehearsals and tests. Headers (so the token) are never kept. */
export interface RequestLogEntry {
  method: string;
  /** Path with query string, e.g. `/global/v3/users?page[size]=100`. */
  path: string;
  /** 0 when the connection was cut by fault injection. */
  status: number;
  /** ISO time the request arrived. */
  time: string;
  /** Time to the response, latency included. */
  ms: number;
}

// Bounded so a long `orgdeck serve` session cannot grow without limit.
const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  /** Every request since the start (or the last clear), by status: kept when entries are dropped. */
  private statuses = new Map<number, number>();

  add(entry: RequestLogEntry): void {
    this.statuses.set(entry.status, (this.statuses.get(entry.status) ?? 0) + 1);
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /** Counts for benchmarks: all requests, and how many got each status (0: connection cut). */
  counts(): { requests: number; by_status: Record<string, number> } {
    const by = Object.fromEntries([...this.statuses].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v]));
    return { requests: [...this.statuses.values()].reduce((a, b) => a + b, 0), by_status: by };
  }

  clear(): void {
    this.entries = [];
    this.statuses = new Map();
  }
}
