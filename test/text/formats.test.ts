/**
 * The quick first look at `date-time` and `uuid` never says yes to what ajv-formats refuses, and
 * an ajv with it accepts and refuses exactly what one with plain ajv-formats does, on values made
 * by mutating real ones a few characters at a time.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/local-org/http/faults.js';
import { createRequire } from 'node:module';
import { FORMATS, isPlainDateTime, isPlainUuid, ucs2length } from '../../src/text/formats.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const SCHEMA = { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, id: { type: 'string', format: 'uuid' } } };
const plain = addFormats(new Ajv()).compile(SCHEMA);
const quick = new Ajv({ formats: FORMATS }).compile(SCHEMA);
const original = addFormats(new Ajv()).formats as Record<string, { validate: (s: string) => boolean } | RegExp>;
const originalDateTime = (s: string) => (original['date-time'] as { validate: (s: string) => boolean }).validate(s);
const originalUuid = (s: string) => (original.uuid as RegExp).test(s);

const DATES = ['2026-12-06T09:33:24Z', '2024-02-29T23:59:59.999999+14:00', '1999-12-31t00:00:00z', '2016-12-31T23:59:60Z', '2026-12-06 09:33:24-05:30', '2026-12-06T09:33:24+0100', '2026-12-06T09:33:24+01', '2100-02-28T12:00:00.5-00:00'];
const IDS = ['9d3c0f9e-1111-4222-8333-444444444444', 'ABCDEF01-2345-6789-ABCD-EF0123456789', 'urn:uuid:9d3c0f9e-1111-4222-8333-444444444444'];
const CHARS = '0123456789-:.TtZz+ aAfFgG\u00a0\t1239';

function mutate(s: string, random: () => number): string {
  const chars = [...s];
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const at = Math.floor(random() * (chars.length + 1));
    const c = CHARS[Math.floor(random() * CHARS.length)]!;
    const how = random();
    if (how < 0.5) chars[at] = c;
    else if (how < 0.75) chars.splice(at, 0, c);
    else chars.splice(at, 1);
  }
  return chars.join('');
}

describe('quick formats', () => {
  it('take the common forms Konnect writes', () => {
    for (const s of ['2026-12-06T09:33:24Z', '2026-12-06T09:33:24.123Z', '2026-12-06t09:33:24+01:00', '2024-02-29T00:00:00-05:30']) expect(isPlainDateTime(s), s).toBe(true);
    for (const s of IDS.slice(0, 2)) expect(isPlainUuid(s), s).toBe(true);
  });

  it('leave to ajv-formats the forms they do not read, which it still judges', () => {
    for (const s of ['2016-12-31T23:59:60Z', '2026-12-06 09:33:24Z', '2026-12-06T09:33:24+0100', '2026-12-06T09:33:24+01']) {
      expect(isPlainDateTime(s), s).toBe(false);
      expect(quick({ at: s }), s).toBe(plain({ at: s }));
      expect(quick({ at: s }), s).toBe(true);
    }
    expect(isPlainUuid(IDS[2]!)).toBe(false);
    expect(quick({ id: IDS[2] })).toBe(true);
  });

  it('never accept what ajv-formats refuses, and change no verdict, on 60,000 mutated values', () => {
    const random = mulberry32(21);
    let taken = 0;
    for (let i = 0; i < 30_000; i++) {
      const at = mutate(DATES[i % DATES.length]!, random);
      const id = mutate(IDS[i % IDS.length]!, random);
      if (isPlainDateTime(at)) {
        taken++;
        expect(originalDateTime(at), at).toBe(true);
      }
      if (isPlainUuid(id)) expect(originalUuid(id), id).toBe(true);
      expect(quick({ at, id }), `${at} ${id}`).toBe(plain({ at, id }));
    }
    // Enough mutants stay valid for the comparison to mean something.
    expect(taken).toBeGreaterThan(500);
  });

  it("count a string's length as ajv does (code points; a lone surrogate is one)", () => {
    const ajvLength = createRequire(import.meta.url)('ajv/dist/runtime/ucs2length').default as (s: string) => number;
    const random = mulberry32(7);
    const units = ['a', 'é', '漢', '\ud83d', '\ude00', '\ud83d\ude00', '\udbff\udfff', '\u0000'];
    for (let i = 0; i < 5_000; i++) {
      const s = Array.from({ length: Math.floor(random() * 8) }, () => units[Math.floor(random() * units.length)]).join('');
      expect(ucs2length(s), JSON.stringify(s)).toBe(ajvLength(s));
    }
  });
});
