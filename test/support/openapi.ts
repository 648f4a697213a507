/**
 * Checks requests and responses against Kong's OpenAPI specs. `hostPath` is the path the local
 * org serves, with its host as the first segment: `/global/v3/users/abc?x=y`,
 * `/us/v2/control-planes`. Both functions return a list of problems (empty = conforms).
 *
 * Statuses a spec does not declare for an operation are errors, except a fixed set that any
 * Konnect endpoint can answer before or around the handler (the gateway's auth, rate limiting
 * and upstream failures, and request validation); those are checked against fixed shapes
 * (see IMPLICIT_STATUSES). konnect-api-notes §2: "401 and 403 can of course happen on any call".
 */
import { ajv, formatErrors, follow, pointer } from './openapi-load.js';
import { type FoundOperation, type Json, checkAgainstSpecs } from './openapi-ops.js';
import { type QueryInput, checkRequest } from './openapi-request.js';

export { findOperation } from './openapi-ops.js';
export type { QueryInput } from './openapi-request.js';

/**
 * Problems with a request: unknown path or method, unknown query parameters, parameter values
 * that fail their schema, and a body that fails the operation's requestBody schema.
 */
export function validateRequest(method: string, hostPath: string, query?: QueryInput, body?: unknown): string[] {
  return checkAgainstSpecs(method, hostPath, (found) => checkRequest(found, hostPath, query, body));
}


const PROBLEM = {
  type: 'object',
  required: ['status', 'title', 'instance', 'detail'],
  properties: { status: { type: 'integer' }, title: { type: 'string' }, instance: { type: 'string' }, detail: { type: 'string' } },
};
const RATE_LIMIT_PLUGIN = { type: 'object', required: ['message'], properties: { message: { type: 'string' } } };
const problemValidator = ajv.compile(PROBLEM);
const pluginValidator = ajv.compile(RATE_LIMIT_PLUGIN);

/** Statuses any operation may answer although no spec lists them for it (see header comment). */
export const IMPLICIT_STATUSES: Readonly<Record<number, string>> = {
  400: 'request validation (bad path id, body or query) — checked as BadRequestError',
  401: 'missing or invalid token — problem+json',
  403: 'permission denied — problem+json',
  429: 'gateway rate limiting — {"message"} JSON, or problem+json',
  500: 'upstream failure — problem+json',
  502: 'upstream failure — problem+json',
  503: 'upstream failure — problem+json',
};

function checkImplicit(found: FoundOperation, status: number, contentType: string, body: unknown): string[] {
  if (!(status in IMPLICIT_STATUSES)) return [`status ${status} is not declared for ${found.method.toUpperCase()} ${found.template}`];
  if (status === 429 && contentType === 'application/json') {
    return pluginValidator(body) ? [] : formatErrors(pluginValidator, 'rate-limit body');
  }
  if (contentType !== 'application/problem+json') return [`status ${status} must be application/problem+json, got ${contentType}`];
  const schemas = (found.spec.doc.components as Json | undefined)?.schemas as Json | undefined;
  if (status === 400 && schemas?.BadRequestError) {
    const validate = ajv.getSchema(`${found.spec.id}${pointer(['components', 'schemas', 'BadRequestError'])}`)!;
    return validate(body) ? [] : formatErrors(validate, 'body');
  }
  return problemValidator(body) ? [] : formatErrors(problemValidator, 'body');
}

/**
 * Problems with a response. `body` is the parsed JSON, or undefined / '' for an empty body.
 * An empty body must be declared without content; a body must match the declared schema.
 */
export function validateResponse(method: string, hostPath: string, status: number, contentType: string | null, body: unknown): string[] {
  return checkAgainstSpecs(method, hostPath, (found) => checkResponse(found, status, contentType, body));
}

function checkResponse(found: FoundOperation, status: number, contentType: string | null, body: unknown): string[] {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const responses = (found.op.responses ?? {}) as Json;
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k] !== undefined);
  if (!key) return checkImplicit(found, status, type, body);
  const { node, at } = follow(found.spec, responses[key], [...found.at, 'responses', key]);
  const content = node.content as Json | undefined;
  const empty = body === undefined || body === '' || body === null;
  if (!content || Object.keys(content).length === 0) {
    return empty ? [] : [`status ${status} declares no body, got ${JSON.stringify(body).slice(0, 200)}`];
  }
  if (!content[type]) return [`content type "${type}" not declared for ${status} (declared: ${Object.keys(content).join(', ')})`];
  if (empty) return [`status ${status} declares a ${type} body, got none`];
  const validate = ajv.getSchema(`${found.spec.id}${pointer([...at, 'content', type, 'schema'])}`);
  if (!validate) return [`cannot compile the schema for ${status} ${type}`];
  return validate(body) ? [] : formatErrors(validate, 'body');
}

