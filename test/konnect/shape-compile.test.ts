/**
 * The response shapes are checked by generated code (test/generated.test.ts writes it from
 * SHAPE_SCHEMAS): nothing is compiled, nor checked against JSON Schema's meta-schema, at run
 * time. That check is done here, once, on the schemas the code is generated from.
 */
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FORMATS } from '../../src/text/formats.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('response shapes', () => {
  it('no schema is compiled, nor checked against the meta-schema, at run time: the validators are generated code', async () => {
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    const metaCheck = vi.spyOn(Ajv.prototype, 'validateSchema');
    vi.resetModules();
    const { SHAPES } = await import('../../src/konnect/shape.js');
    const page = { meta: { page: { number: 1, size: 100, total: 1 } }, data: [{ id: '7f1b0a3e-8a4b-4a1e-9a52-3b0c2d1e4f50', email: 'ana@example.com' }] };
    for (let i = 0; i < 50; i++) expect(SHAPES.users.validate(page)).toBe(true);
    expect(SHAPES.users.validate({ ...page, data: [{ id: 'not-a-uuid', email: 'ana@example.com' }] })).toBe(false);
    for (const s of Object.values(SHAPES)) expect(typeof s.validate).toBe('function');
    expect(compile).not.toHaveBeenCalled();
    expect(metaCheck).not.toHaveBeenCalled();
  });

  it('every schema a shape is generated from, and every response schema, is a valid strict JSON Schema (the check the run skips)', async () => {
    const { SHAPES } = await import('../../src/konnect/shape.js');
    const { RESPONSE_SCHEMAS, SHAPE_SCHEMAS } = await import('../../src/konnect/response-schemas.js');
    // One generated validator per shape, each of a schema below.
    expect(Object.keys(SHAPES).sort()).toEqual(Object.keys(SHAPE_SCHEMAS).sort());
    const ajv = new Ajv({ strict: true, validateSchema: true, formats: FORMATS });
    for (const [name, schema] of [...Object.entries(SHAPE_SCHEMAS), ...Object.entries(RESPONSE_SCHEMAS)]) {
      expect(ajv.validateSchema(schema), `${name}: ${JSON.stringify(ajv.errors)}`).toBe(true);
      expect(() => ajv.compile(schema), name).not.toThrow();
    }
  });
});
