/**
 * The edge where Konnect's answers become typed values: a success body must be JSON, and JSON of
 * the shape response-schemas.ts gives, or it is a ResponseError naming method, path, status and
 * what was wrong. The core only ever sees values that passed here.
 */
import type { ValidateFunction } from 'ajv';
import { ResponseError } from '../errors.js';
import type { ApiAccessToken, ApiAssignedRole, ApiEntity, ApiIdentityProvider, ApiOrganization, ApiSystemAccount, ApiTeam, ApiTeamGroupMapping, ApiUser, AuthSettings, CursorPage, List } from './api-types.js';
import type { SHAPE_SCHEMAS } from './response-schemas.js';
import * as validators from './response-validators.generated.js';
import { MAX_RESPONSE_BYTES, type WireResponse } from './transport.js';

/** A check of one kind of answer and the name used when it fails ("a User", "a list of TeamResponse"). */
export interface Shape<T> {
  what: string;
  validate: ValidateFunction<T>;
}

/**
 * ajv's standalone code of the schemas in SHAPE_SCHEMAS (test/generated.test.ts makes it): no
 * compiler is loaded or run at all. The schemas are checked against JSON Schema's own by
 * test/konnect/shape-compile.test.ts.
 */
function shape<T>(what: string, name: keyof typeof SHAPE_SCHEMAS): Shape<T> {
  return { what, validate: (validators as unknown as Record<string, ValidateFunction<T>>)[name]! };
}

export const SHAPES = {
  user: shape<ApiUser>('a User', 'user'),
  team: shape<ApiTeam>('a TeamResponse', 'team'),
  authSettings: shape<AuthSettings>('AuthenticationSettings', 'authSettings'),
  organization: shape<ApiOrganization>('a MeOrganization', 'organization'),
  users: shape<List<ApiUser>>('a list of users', 'users'),
  teams: shape<List<ApiTeam>>('a list of teams', 'teams'),
  teamIds: shape<List<{ id: string }>>('a list of teams', 'teamIds'),
  roles: shape<List<ApiAssignedRole>>('a list of assigned roles', 'roles'),
  systemAccount: shape<ApiSystemAccount>('a SystemAccount', 'systemAccount'),
  systemAccounts: shape<List<ApiSystemAccount>>('a list of system accounts', 'systemAccounts'),
  accessTokens: shape<List<ApiAccessToken>>('a list of access tokens', 'accessTokens'),
  controlPlanes: shape<List<ApiEntity>>('a list of control planes', 'controlPlanes'),
  apiProducts: shape<List<ApiEntity>>('a list of API products', 'apiProducts'),
  identityProviders: shape<ApiIdentityProvider[]>('a list of identity providers', 'identityProviders'),
  idpMappings: shape<CursorPage<ApiTeamGroupMapping>>('a list of team group mappings', 'idpMappings'),
} as const;

/** The body as T, or a ResponseError saying where it differs from the spec. */
export function checkShape<T>(s: Shape<T>, body: unknown, method: string, path: string, status: number): T {
  if (s.validate(body)) return body;
  if (body === undefined) throw new ResponseError(method, path, status, `an empty body where ${s.what} belongs`);
  const e = s.validate.errors?.[0];
  const where = e?.instancePath ? `${e.instancePath} ` : '';
  const detail = e?.keyword === 'additionalProperties' || e?.keyword === 'required' ? e.message : `${e?.message ?? 'is invalid'} (${preview(valueAt(body, e?.instancePath ?? ''))})`;
  throw new ResponseError(method, path, status, `a body that is not ${s.what}: ${where}${detail}`);
}

/**
 * A success answer's body: undefined when empty, else parsed JSON. A redirect, a non-JSON
 * content type or a body that does not parse is a ResponseError: read as "nothing", any of them
 * would let a plan delete what the server failed to list.
 */
export function readSuccessBody(method: string, path: string, res: WireResponse): unknown {
  if (res.status >= 300) {
    const to = res.headers.location ? ` to ${preview(res.headers.location)}` : '';
    throw new ResponseError(method, path, res.status, `a redirect${to} (orgdeck never follows redirects: the token would go wherever they point)`);
  }
  if (res.tooLarge) throw new ResponseError(method, path, res.status, `a body over ${MAX_RESPONSE_BYTES / 1024 / 1024} MB, more than any answer orgdeck reads`);
  if (res.text === '') return undefined;
  const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) {
    throw new ResponseError(method, path, res.status, `a ${type} body where JSON belongs (${preview(res.text)})`);
  }
  try {
    return JSON.parse(res.text);
  } catch {
    throw new ResponseError(method, path, res.status, `a body that is not JSON, or is cut short (${res.text.length} bytes: ${preview(res.text)})`);
  }
}

/** A short one-line excerpt of what the server said, safe to print (scrubbed later, at the output). */
function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  const oneLine = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

function valueAt(body: unknown, pointer: string): unknown {
  let node = body;
  for (const key of pointer.split('/').slice(1)) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return node;
}
