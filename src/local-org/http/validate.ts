/**
 * Request body validation with ajv against the hand-written schemas, reporting failures the
 * way Konnect does: a 400 whose `invalid_parameters` use the spec's rule vocabulary.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { InvalidParameter } from '../store/errors.js';
import { checkLabelKeys } from '../store/labels.js';
import { badRequest } from './problem.js';
import { REQUEST_SCHEMAS, type RequestSchemaName } from './request-schemas.js';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormatsModule.default(ajv);

const validators = new Map<RequestSchemaName, ValidateFunction>();

function validatorFor(name: RequestSchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    validate = ajv.compile(REQUEST_SCHEMAS[name]);
    validators.set(name, validate);
  }
  return validate;
}

const TYPE_RULES: Record<string, string> = {
  string: 'is_string',
  boolean: 'is_boolean',
  object: 'is_object',
  array: 'is_array',
  integer: 'is_integer',
  number: 'is_number',
  null: 'is_null',
};

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  return path === '' ? 'body' : path;
}

function toInvalidParameter(error: ErrorObject): InvalidParameter | undefined {
  const field = fieldOf(error);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: String(p.missingProperty), rule: 'required', reason: 'is a required field', source: 'body' };
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      return { field: name, rule: 'unknown_property', reason: `property ${name} should not exist`, source: 'body' };
    }
    case 'type': {
      const type = String(p.type).split(',')[0]!;
      return { field, rule: TYPE_RULES[type] ?? 'type', reason: `must be a ${type}`, source: 'body' };
    }
    case 'minLength': {
      const minimum = Number(p.limit);
      const reason = minimum === 1 ? 'cannot be blank' : `must have at least ${minimum} characters`;
      return { field, rule: 'min_length', minimum, reason, source: 'body' };
    }
    case 'maxLength':
      return { field, rule: 'max_length', maximum: Number(p.limit), reason: `must not have more than ${String(p.limit)} characters`, source: 'body' };
    case 'maxProperties':
      return { field, rule: 'max_items', maximum: Number(p.limit), reason: `must not have more than ${String(p.limit)} items`, source: 'body' };
    case 'pattern':
      return { field, rule: 'matches_regex', reason: `must match pattern ${String(p.pattern)}`, source: 'body' };
    case 'enum':
      return { field, rule: 'enum', choices: [...(p.allowedValues as unknown[])], reason: 'must be one of the allowed values', source: 'body' };
    case 'format':
      return p.format === 'uuid'
        ? { field, rule: 'is_uuid', reason: 'must be a valid UUID v4', source: 'body' }
        : { field, rule: 'invalid', reason: `must be a valid ${String(p.format)}`, source: 'body' };
    case 'anyOf':
      return field === 'entity_id'
        ? { field, rule: 'is_uuid', reason: 'must be a valid UUID or *', source: 'body' }
        : { field, rule: 'invalid', reason: 'is invalid', source: 'body' };
    default:
      return undefined; // the branches of anyOf (format, const) are summarised by the anyOf entry
  }
}

/** Parses and validates a request body; throws Konnect's 400 on any problem. */
export function validateBody(name: RequestSchemaName, body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest([{ field: 'body', reason: 'request format is invalid' }]);
  }
  const validate = validatorFor(name);
  const problems: InvalidParameter[] = [];
  if (!validate(body)) {
    const anyOfPaths = new Set((validate.errors ?? []).filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
    for (const error of validate.errors ?? []) {
      if (error.keyword !== 'anyOf' && anyOfPaths.has(error.instancePath)) continue;
      const param = toInvalidParameter(error);
      if (param) problems.push(param);
    }
  }
  const labels = (body as { labels?: unknown }).labels;
  if (labels && typeof labels === 'object' && !Array.isArray(labels)) {
    problems.push(...checkLabelKeys(labels as Record<string, unknown>));
  }
  if (problems.length > 0) throw badRequest(problems);
}
