/**
 * The response shapes are compiled once per process, on first use, without checking the schemas
 * against JSON Schema's meta-schema at run time: that check is done here, once, instead.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterEach, describe, expect, it, vi } from 'vitest';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

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

  it('every shape is a valid strict JSON Schema (the check the run skips)', async () => {
    const { SHAPES } = await import('../../src/konnect/shape.js');
    const { RESPONSE_SCHEMAS, listSchema, cursorListSchema } = await import('../../src/konnect/response-schemas.js');
    const ajv = addFormats(new Ajv({ strict: true, validateSchema: true }));
    for (const schema of [...Object.values(RESPONSE_SCHEMAS), listSchema('User'), cursorListSchema('IdpTeamGroupMapping')]) {
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
      expect(() => ajv.compile(schema)).not.toThrow();
    }
    expect(Object.keys(SHAPES).length).toBeGreaterThan(10);
  });
});
