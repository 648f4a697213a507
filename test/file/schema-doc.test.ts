/** The state-file schema documents itself for editors and closes every object. */
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { FORMATS } from '../../src/text/formats.js';
import schema from '../../schemas/orgdeck.schema.json' with { type: 'json' };
import plan from '../../schemas/plan.schema.json' with { type: 'json' };

type Node = Record<string, unknown>;

/** Every object schema with its JSON path, descending into properties, items and definitions. */
function objects(node: unknown, path = '#'): [string, Node][] {
  if (typeof node !== 'object' || node === null) return [];
  const n = node as Node;
  const out: [string, Node][] = n.type === 'object' ? [[path, n]] : [];
  for (const key of ['properties', 'definitions'] as const) {
    for (const [k, v] of Object.entries((n[key] as Node | undefined) ?? {})) out.push(...objects(v, `${path}/${key}/${k}`));
  }
  if (n.items) out.push(...objects(n.items, `${path}/items`));
  return out;
}

function properties(node: Node, path = '#'): [string, Node][] {
  const out: [string, Node][] = [];
  for (const [p, obj] of objects(node, path)) {
    for (const [k, v] of Object.entries((obj.properties as Node | undefined) ?? {})) out.push([`${p}/properties/${k}`, v as Node]);
  }
  return out;
}

describe('schemas/orgdeck.schema.json', () => {
  it('is a valid strict JSON Schema (runs use code generated from it, test/generated.test.ts)', () => {
    expect(() => new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, validateSchema: true, formats: FORMATS }).compile(schema)).not.toThrow();
  });

  it('has a description on every property (directly or through its $ref)', () => {
    const defs = schema.definitions as unknown as Record<string, Node>;
    const missing = properties(schema as unknown as Node).filter(([, v]) => {
      const target = typeof v.$ref === 'string' ? defs[(v.$ref as string).split('/').pop()!] : undefined;
      return !v.description && !target?.description;
    });
    expect(missing.map(([p]) => p)).toEqual([]);
    expect(properties(schema as unknown as Node).length).toBeGreaterThan(20);
  });

  it('closes every object with additionalProperties: false (labels excepted: they are a map)', () => {
    const open = objects(schema).filter(([p, o]) => o.additionalProperties !== false && !p.endsWith('/labels'));
    expect(open.map(([p]) => p)).toEqual([]);
  });
});

describe('schemas/plan.schema.json', () => {
  it('describes every top-level property', () => {
    expect(Object.values(plan.properties).every((p) => 'description' in p)).toBe(true);
  });
});
