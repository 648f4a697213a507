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

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}
