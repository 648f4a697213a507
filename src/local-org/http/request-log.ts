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
  /** When the first request arrived and the last answer left (ms since the epoch): where a client's requests begin and end. */
  private span: { first: number; last: number } | undefined;

  add(entry: RequestLogEntry): void {
    this.statuses.set(entry.status, (this.statuses.get(entry.status) ?? 0) + 1);
    const arrived = Date.parse(entry.time);
    this.span = { first: Math.min(this.span?.first ?? arrived, arrived), last: Math.max(this.span?.last ?? 0, arrived + entry.ms) };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /**
   * Counts for benchmarks: all requests, how many got each status (0: connection cut), and when
   * the first arrived and the last was answered (ISO times; absent before any request).
   */
  counts(): { requests: number; by_status: Record<string, number>; first_request_at?: string; last_answer_at?: string } {
    const by = Object.fromEntries([...this.statuses].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v]));
    const span = this.span ? { first_request_at: new Date(this.span.first).toISOString(), last_answer_at: new Date(this.span.last).toISOString() } : {};
    return { requests: [...this.statuses.values()].reduce((a, b) => a + b, 0), by_status: by, ...span };
  }

  clear(): void {
    this.entries = [];
    this.statuses = new Map();
    this.span = undefined;
  }
}
