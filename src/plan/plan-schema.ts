/** A plan file checked against schemas/plan.schema.json, every problem as a sentence at its JSON pointer. */
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../schemas/plan.schema.json' with { type: 'json' };
import validatePlan from './plan-validator.generated.js';
import type { Plan } from './types.js';

// ajv's standalone code of the schema (test/generated.test.ts makes it): compiling it cost `sync --plan` about 0.1 s of CPU.
const validate = validatePlan as ValidateFunction<Plan>;

export function checkPlanSchema(value: unknown): { plan?: Plan; problems: string[] } {
  if (validate(value)) return { plan: value, problems: [] };
  const problems = [...new Set(byFactKind(validate.errors ?? [], value).map(sentence))];
  return { problems };
}

/** Where ajv says a precondition matched none of its shapes (its path inside the referenced definition). */
const FACTS = '#/oneOf';
const PRECONDITION = /^\/changes\/\d+\/preconditions\/\d+$/;
const FACT_KINDS: readonly string[] = schema.definitions.precondition.oneOf.map((s) => s.properties.fact.const);

/**
 * A precondition is one of several shapes told apart by `fact`: only the shape its `fact` names
 * is said to be wrong, not every other shape. A kind this orgdeck does not know (a plan from a
 * newer one) is one sentence.
 */
function byFactKind(errors: readonly ErrorObject[], value: unknown): (ErrorObject | string)[] {
  const kinds = new Map<string, number>();
  for (const e of errors) {
    if (e.schemaPath !== FACTS || !PRECONDITION.test(e.instancePath)) continue;
    kinds.set(e.instancePath, FACT_KINDS.indexOf(String((at(value, e.instancePath) as { fact?: unknown } | null)?.fact)));
  }
  if (kinds.size === 0) return [...errors];
  return errors.flatMap((e): (ErrorObject | string)[] => {
    const owner = [...kinds.keys()].find((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`));
    if (owner === undefined || !e.schemaPath.startsWith(FACTS)) return [e];
    const kind = kinds.get(owner)!;
    if (kind >= 0) return e.schemaPath.startsWith(`${FACTS}/${kind}/`) ? [e] : [];
    if (e.schemaPath !== FACTS) return [];
    const fact = (at(value, owner) as { fact?: unknown } | null)?.fact;
    return [`${owner}: ${fact === undefined ? 'a precondition without "fact"' : `a precondition of kind ${JSON.stringify(fact)}, which this orgdeck does not know (a plan made by a newer orgdeck?)`}; it knows ${FACT_KINDS.join(', ')}.`];
  });
}

/** The value at a JSON pointer (as ajv gives instancePath). */
function at(value: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), value);
}

function sentence(e: ErrorObject | string): string {
  if (typeof e === 'string') return e;
  const where = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return `${where}: "${p.missingProperty}" is missing.`;
    case 'additionalProperties': return `${where}: "${p.additionalProperty}" is not a plan field.`;
    case 'enum': return `${where}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'const': return `${where}: must be ${JSON.stringify(p.allowedValue)}.`;
    case 'type': return `${where}: must be ${p.type === 'object' ? 'an object' : p.type === 'array' ? 'a list' : `a ${p.type}`}.`;
    default: return `${where}: ${e.message ?? 'is not valid'}.`;
  }
}
