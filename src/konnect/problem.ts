/** Konnect's problem+json bodies (and Kong's plain rate-limit body) → what we tell users. */
import type { ApiErrorDetail } from '../errors.js';
import { escapeControls } from '../text/terminal.js';

export function readProblem(status: number, text: string): ApiErrorDetail {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status says enough.
  }
  const detail = typeof body.detail === 'string' ? body.detail : typeof body.message === 'string' ? body.message : '';
  const instance = typeof body.instance === 'string' ? body.instance : undefined;
  const out: ApiErrorDetail = { status, title: typeof body.title === 'string' ? body.title : statusTitle(status), detail };
  if (instance) out.traceId = instance;
  if (Array.isArray(body.invalid_parameters)) {
    out.invalidParameters = body.invalid_parameters
      .filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null)
      .map((p) => ({ field: String(p.field ?? ''), reason: String(p.reason ?? '') }));
  }
  return out;
}

/**
 * "409 Resource Conflict: User is already active [field: reason] (konnect:trace:123)", for a
 * terminal: the server's words with their control characters escaped.
 */
export function describeProblem(p: ApiErrorDetail): string {
  const params = p.invalidParameters?.length ? ` [${p.invalidParameters.map((x) => `${x.field}: ${x.reason}`).join('; ')}]` : '';
  const detail = p.detail ? `: ${p.detail}` : '';
  const trace = p.traceId ? ` (${p.traceId})` : '';
  return escapeControls(`${p.status} ${p.title}${detail}${params}${trace}`);
}

/** What a status means for the person running orgdeck, when the API's words are not enough. */
export function adviceFor(status: number, tokenSource = 'KONNECT_TOKEN'): string {
  if (status === 401) return ` The token from ${tokenSource} was refused: check it is a personal access token kpat_… or system account token spat_… that has not expired.`;
  if (status === 403) return ` The token from ${tokenSource} lacks permission: it must belong to a member of Organization Admin or hold the Identity Admin role.`;
  return '';
}

function statusTitle(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthenticated', 403: 'Permission denied', 404: 'Not Found', 409: 'Conflict',
    412: 'Precondition Failed', 429: 'Rate Limited', 500: 'Internal Server Error', 502: 'Bad Gateway',
    503: 'Service Unavailable', 504: 'Gateway Timeout',
  };
  return titles[status] ?? `HTTP ${status}`;
}
