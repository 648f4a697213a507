/**
 * A fetch wrapper for tests of the local org: every response from a Konnect path is checked
 * with validateResponse, and every error body with Konnect's problem+json shape. A violation
 * throws, failing the test that made the call. /_local paths are not Konnect: only the
 * problem shape is checked there.
 */
import type { LocalOrg } from '../../src/local-org/index.js';
import { validateResponse } from './openapi.js';

/**
 * Response bodies are untyped JSON that tests read freely; the contract check above every
 * assertion is what vouches for their shape.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Body = any;

export interface ApiResponse<T = Body> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as-is instead of JSON.stringify(body). */
  rawBody?: string;
  /** null = no Authorization header; default the org's token. */
  token?: string | null;
}

let validated = 0;

/** How many responses the contract wrapper has validated in this test file. */
export function validatedResponses(): number {
  return validated;
}

function problemShape(status: number, body: Body): string[] {
  if (status === 429 && body && typeof body.message === 'string') return [];
  const errors: string[] = [];
  if (!body || typeof body !== 'object') return [`error body is not an object: ${JSON.stringify(body)}`];
  if (body.status !== status) errors.push(`problem status ${body.status} != HTTP ${status}`);
  if (typeof body.title !== 'string' || body.title === '') errors.push('problem title missing');
  if (typeof body.detail !== 'string') errors.push('problem detail missing');
  if (!/^konnect:trace:\d+$/.test(String(body.instance))) errors.push(`problem instance ${body.instance} is not konnect:trace:<digits>`);
  return errors;
}

export class ContractClient {
  constructor(
    readonly org: LocalOrg,
    private readonly token: string = org.token,
  ) {}

  async call<T = Body>(method: string, path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> {
    const token = opts.token === undefined ? this.token : opts.token;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined = opts.rawBody;
    if (payload === undefined && opts.body !== undefined) payload = JSON.stringify(opts.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.org.baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    const contentType = res.headers.get('content-type');
    const body = text !== '' && /json/.test(contentType ?? '') ? JSON.parse(text) : text === '' ? undefined : text;
    const errors = path.startsWith('/_local') ? [] : validateResponse(method, path, res.status, contentType, body);
    if (res.status >= 400) errors.push(...problemShape(res.status, body));
    if (res.status >= 400 && !/json/.test(contentType ?? '')) errors.push(`error content type ${contentType}`);
    validated++;
    if (errors.length > 0) {
      throw new Error(`contract violation: ${method} ${path} → ${res.status}\n  ${errors.join('\n  ')}\n  body: ${text.slice(0, 500)}`);
    }
    return { status: res.status, headers: res.headers, body: body as T, text };
  }

  get<T = Body>(path: string, opts?: CallOptions) {
    return this.call<T>('GET', path, opts);
  }
  post<T = Body>(path: string, body?: unknown, opts?: CallOptions) {
    return this.call<T>('POST', path, { ...opts, body });
  }
  patch<T = Body>(path: string, body?: unknown, opts?: CallOptions) {
    return this.call<T>('PATCH', path, { ...opts, body });
  }
  delete<T = Body>(path: string, opts?: CallOptions) {
    return this.call<T>('DELETE', path, opts);
  }
}
