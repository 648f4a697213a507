import { describe, expect, it } from 'vitest';
import { REDACTED, Secrets } from '../../src/text/redact.js';
import { escapeControls } from '../../src/text/terminal.js';

/** Whole tokens as Konnect's identity spec shows them: kpat_ and 49 letters and digits, spat_ and 50. */
const KPAT = 'kpat_DoRQeLJVS6G7lwleKI77sypGi20qT5JXKBdnpHud1mOQk4Srv';
const SPAT = `spat_${'0123456789'.repeat(5)}`;
const IN_USE = 'kpat_TESTtoken_do_not_print_0123456789abcdef';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');

describe('Secrets.redact', () => {
  it('replaces the token wherever it appears, and any whole Konnect token', () => {
    const s = new Secrets();
    s.add('eyJhbGciOi.payload.sig');
    expect(s.redact('Bearer eyJhbGciOi.payload.sig, again eyJhbGciOi.payload.sig')).toBe(`Bearer ${REDACTED}, again ${REDACTED}`);
    expect(s.redact(`{"detail":"${KPAT} and ${SPAT}"}`)).toBe(`{"detail":"${REDACTED} and ${REDACTED}"}`);
    expect(s.redact(`spat_${'a'.repeat(48)}, (kpat_${'B1'.repeat(25)})`)).toBe(`${REDACTED}, (${REDACTED})`);
  });

  it('replaces the start of the token an excerpt shows (16 characters or more, with or without its prefix)', () => {
    const s = new Secrets();
    s.add(IN_USE);
    expect(s.redact(`Team "x${IN_USE.slice(0, 39)}…" (45 characters)`)).toBe(`Team "x${REDACTED}…" (45 characters)`);
    expect(s.redact(`"${IN_USE.slice(5, 25).toUpperCase()}…"`)).toBe(`"${REDACTED}…"`);
    expect(s.redact(`${IN_USE.slice(0, 15)}…`)).toBe(`${IN_USE.slice(0, 15)}…`);
    expect(s.holdsSecret(`x${IN_USE.slice(0, 20)}`)).toBe(true);
  });

  it('leaves the help text about tokens alone, and ignores a secret too short to be one', () => {
    const s = new Secrets();
    s.add('abc');
    expect(s.redact('a personal access token kpat_… or a system account token spat_… for abc')).toBe('a personal access token kpat_… or a system account token spat_… for abc');
  });

  it('leaves text that only looks like a token: a word after the prefix, a token too short or too long, or glued to more', () => {
    const s = new Secrets();
    s.add(IN_USE);
    for (const text of [
      'Ops spat_runners',
      'rotate kpat_ tokens yearly; kpat_AbC123xyz_987 and spat_0123456789 were examples',
      'kpat_abcdefgh@example.com',
      `kpat_${'a'.repeat(47)}`,
      `kpat_${'a'.repeat(51)}`,
      `x${KPAT}`,
      `${KPAT}_v2`,
      `kpat_${'a'.repeat(24)}-${'b'.repeat(24)}`,
    ]) {
      expect(s.redact(text), text).toBe(text);
    }
  });

  it('replaces a whole token after an escape sequence: text escaped before it is redacted (escapeControls, JSON)', () => {
    const s = new Secrets();
    for (const sequence of ['\\n', '\\r', '\\t', '\\\\', '\\x1b', '\\x9B', '\\u001b', '\\u202E']) {
      expect(s.redact(`x${sequence}${SPAT}`), sequence).toBe(`x${sequence}${REDACTED}`);
      expect(s.redact(`x${sequence}${KPAT} y`), sequence).toBe(`x${sequence}${REDACTED} y`);
      expect(s.holdsSecret(`x${sequence}${SPAT}`), sequence).toBe(true);
    }
    // As each escaper writes it: a raw control character before the token, escaped, then redacted.
    for (const raw of ['\n', '\r', '\t', '\x1b', '\x9b', '\u202e', '\\']) {
      expect(s.redact(escapeControls(`x${raw}${SPAT}`)), JSON.stringify(raw)).not.toContain(SPAT);
      expect(s.redact(JSON.stringify({ detail: `x${raw}${SPAT}` })), JSON.stringify(raw)).not.toContain(SPAT);
    }
    // A letter before the token is still text, not an escape.
    expect(s.redact(`xn${SPAT}`)).toBe(`xn${SPAT}`);
    expect(s.redact(`x\\q${SPAT}`)).toBe(`x\\q${SPAT}`);
  });

  it('replaces the token in use without its prefix, in any case', () => {
    const s = new Secrets();
    s.add(IN_USE);
    const body = IN_USE.slice('kpat_'.length);
    expect(s.redact(`got ${body}.`)).toBe(`got ${REDACTED}.`);
    expect(s.redact(`BEARER ${IN_USE.toUpperCase()}`)).toBe(`BEARER ${REDACTED}`);
    expect(s.redact(`got ${body.toLowerCase()}`)).toBe(`got ${REDACTED}`);
  });

  it('replaces the token in use base64- and base64url-encoded, alone or inside "Bearer <token>", ":<token>" or a JSON body', () => {
    const s = new Secrets();
    s.add(IN_USE);
    for (const plain of [IN_USE, `Bearer ${IN_USE}`, `:${IN_USE}`, `x:${IN_USE}`, `{"token":"${IN_USE}"}`]) {
      for (const encoded of [b64(plain), b64url(plain)]) {
        expect(s.redact(`auth=${encoded}; next`), plain).toBe(`auth=${REDACTED}; next`);
      }
    }
    // Other base64 is left alone.
    expect(s.redact(`auth=${b64('Bearer someone-else-entirely-0123456789')}`)).toBe(`auth=${b64('Bearer someone-else-entirely-0123456789')}`);
  });

  it('holdsSecret says whether redaction would change a text', () => {
    const s = new Secrets();
    s.add(IN_USE);
    expect(s.holdsSecret('Ops spat_runners')).toBe(false);
    expect(s.holdsSecret(`key ${KPAT}`)).toBe(true);
    expect(s.holdsSecret(b64(IN_USE))).toBe(true);
  });
});
