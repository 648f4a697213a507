/** A plan file checked against schemas/plan.schema.json, every problem as a sentence at its JSON pointer. */
import { Ajv, type ErrorObject } from 'ajv';
import schema from '../../schemas/plan.schema.json' with { type: 'json' };
import type { Plan } from './types.js';

const validate = new Ajv({ allErrors: true, strict: true }).compile<Plan>(schema);

export function checkPlanSchema(value: unknown): { plan?: Plan; problems: string[] } {
  if (validate(value)) return { plan: value, problems: [] };
  const problems = [...new Set((validate.errors ?? []).map(sentence))];
  return { problems };
}

function sentence(e: ErrorObject): string {
  const at = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return `${at}: "${p.missingProperty}" is missing.`;
    case 'additionalProperties': return `${at}: "${p.additionalProperty}" is not a plan field.`;
    case 'enum': return `${at}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'const': return `${at}: must be ${JSON.stringify(p.allowedValue)}.`;
    case 'type': return `${at}: must be ${p.type === 'object' ? 'an object' : p.type === 'array' ? 'a list' : `a ${p.type}`}.`;
    default: return `${at}: ${e.message ?? 'is not valid'}.`;
  }
}
