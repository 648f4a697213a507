/**
 * Konnect's error body (RFC 7807 style, `application/problem+json`): status, title,
 * instance `konnect:trace:<digits>`, detail, and `invalid_parameters` on a 400.
 */
import { randomInt } from 'node:crypto';
import type { InvalidParameter, OrgError } from '../store/errors.js';

// Titles as the IDv3 examples spell them (e.g. 409 is "Resource Conflict", 401 "Unauthenticated").
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthenticated',
  403: 'Permission denied',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Resource Conflict',
  413: 'Payload Too Large',
  429: 'Rate Limited',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly invalidParameters?: InvalidParameter[],
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${detail}`);
    this.name = 'HttpProblem';
  }
}

export function traceInstance(): string {
  // 19 digits like the spec's examples, without a leading zero.
  let digits = String(randomInt(1, 10));
  for (let i = 0; i < 18; i++) digits += String(randomInt(0, 10));
  return `konnect:trace:${digits}`;
}

export interface ProblemBody {
  status: number;
  title: string;
  instance: string;
  detail: string;
  invalid_parameters?: InvalidParameter[];
}

export function problemBody(status: number, detail: string, invalidParameters?: InvalidParameter[]): ProblemBody {
  const body: ProblemBody = { status, title: TITLES[status] ?? 'Error', instance: traceInstance(), detail };
  if (invalidParameters && invalidParameters.length > 0) body.invalid_parameters = dedupe(invalidParameters);
  return body;
}

// The spec declares invalid_parameters uniqueItems: true.
function dedupe(params: InvalidParameter[]): InvalidParameter[] {
  const seen = new Set<string>();
  return params.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const STATUS_OF_KIND = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 } as const;

export function problemFromOrgError(err: OrgError): HttpProblem {
  return new HttpProblem(STATUS_OF_KIND[err.kind], err.detail, err.invalidParameters);
}

export function badRequest(params: InvalidParameter[], detail = ''): HttpProblem {
  return new HttpProblem(400, detail, params);
}
