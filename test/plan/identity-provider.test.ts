import { describe, expect, it } from 'vitest';
import { chooseProvider } from '../../src/diff/identity-provider.js';

const okta = { id: '5B1A7C1E-0D6A-4A52-9A43-AAAAAAAAAAAA', type: 'saml', loginPath: 'acme-okta', enabled: true };
const trial = { id: '5b1a7c1e-0d6a-4a52-9a43-bbbbbbbbbbbb', type: 'oidc', loginPath: 'acme-trial', enabled: false };

describe('chooseProvider', () => {
  it('none: nothing chosen, no problem (the plan notes it); one: that one', () => {
    expect(chooseProvider([], undefined)).toEqual({});
    expect(chooseProvider([trial], undefined)).toEqual({ selected: trial });
  });

  it('names a provider by id (any case) or by login_path (exactly)', () => {
    expect(chooseProvider([okta, trial], okta.id.toLowerCase()).selected).toBe(okta);
    expect(chooseProvider([okta, trial], 'acme-trial').selected).toBe(trial);
    expect(chooseProvider([okta, trial], 'ACME-TRIAL').problem).toContain('_info.identity_provider is "ACME-TRIAL"');
    expect(chooseProvider([], 'acme-okta').problem).toContain('it has no identity provider');
  });

  it('several and none named: the file must say which (listing them); dump takes the one enabled', () => {
    const several = chooseProvider([okta, trial], undefined);
    expect(several.selected).toBeUndefined();
    expect(several.problem).toContain('saml "acme-okta" (id 5B1A7C1E-0D6A-4A52-9A43-AAAAAAAAAAAA, enabled), oidc "acme-trial"');
    expect(chooseProvider([okta, trial], undefined, true)).toEqual({ selected: okta });
    expect(chooseProvider([{ ...okta, enabled: false }, trial], undefined, true).problem).toContain('2 identity providers');
  });
});
