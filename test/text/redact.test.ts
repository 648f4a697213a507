import { describe, expect, it } from 'vitest';
import { REDACTED, Secrets } from '../../src/text/redact.js';

describe('Secrets.redact', () => {
  it('replaces the token wherever it appears, and anything shaped like a Konnect token', () => {
    const s = new Secrets();
    s.add('eyJhbGciOi.payload.sig');
    expect(s.redact('Bearer eyJhbGciOi.payload.sig, again eyJhbGciOi.payload.sig')).toBe(`Bearer ${REDACTED}, again ${REDACTED}`);
    expect(s.redact('{"detail":"kpat_AbC123xyz_987 and spat_0123456789"}')).toBe(`{"detail":"${REDACTED} and ${REDACTED}"}`);
  });

  it('leaves the help text about tokens alone, and ignores a secret too short to be one', () => {
    const s = new Secrets();
    s.add('abc');
    expect(s.redact('a personal access token kpat_… or a system account token spat_… for abc')).toBe('a personal access token kpat_… or a system account token spat_… for abc');
  });
});
