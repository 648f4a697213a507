/** What a route handler returns; the server turns it into bytes and headers. */
export interface Reply {
  status: number;
  /** undefined = empty body. */
  body?: unknown;
  contentType?: string;
}

export function json(status: number, body: unknown): Reply {
  return { status, body, contentType: 'application/json' };
}

export function empty(status: number): Reply {
  return { status };
}
