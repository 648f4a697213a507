/**
 * Failures of store operations, phrased the way Konnect phrases them. The HTTP layer maps
 * `kind` to a status; the store itself never knows about HTTP.
 */

/** One entry of Konnect's `invalid_parameters` (standard, min, max or enum variant). */
export interface InvalidParameter {
  field: string;
  reason: string;
  rule?: string;
  source?: string;
  minimum?: number;
  maximum?: number;
  choices?: unknown[];
}

export type OrgErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict';

export class OrgError extends Error {
  constructor(
    readonly kind: OrgErrorKind,
    readonly detail: string,
    readonly invalidParameters?: InvalidParameter[],
  ) {
    super(detail);
    this.name = 'OrgError';
  }
}

export function notFound(what: string): OrgError {
  return new OrgError('not_found', `The requested ${what} was not found`);
}

export function conflict(detail: string): OrgError {
  return new OrgError('conflict', detail);
}

export function invalid(params: InvalidParameter[], detail = ''): OrgError {
  return new OrgError('invalid', detail, params);
}
