/** Whom a token belongs to, whichever way Konnect answers GET /v3/users/me for a system-account token. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { decideWhoami } from '../../src/konnect/whoami.js';

const users = [{ id: 'u-1' }];
const accounts = [{ id: 'a-1', name: 'ci-deployer' }, { id: 'a-2', name: 'other' }];

describe('decideWhoami', () => {
  it('a user the org lists is the token\'s user', () => {
    expect(decideWhoami({ ok: true, body: { id: 'u-1', email: 'Ana@Example.com' } }, users, undefined, undefined)).toEqual({ kind: 'user', id: 'u-1', email: 'ana@example.com' });
  });

  it('naming a system account for a user\'s token is a usage error', () => {
    expect(() => decideWhoami({ ok: true, body: { id: 'u-1', email: 'ana@example.com' } }, users, accounts, 'ci-deployer')).toThrow(UsageError);
  });

  it('a 200 with the id of a system account: that account, and it says how it knows', () => {
    const who = decideWhoami({ ok: true, body: { id: 'a-1' } }, users, accounts, undefined);
    expect(who).toEqual({ kind: 'system-account', id: 'a-1', how: 'GET /v3/users/me answered with no user of this organization but with the id of system account "ci-deployer"' });
  });

  it.each([401, 403, 404])('a %i is not a user: the named account, or unknown with the way out', (status) => {
    expect(decideWhoami({ ok: false, status }, users, accounts, 'ci-deployer')).toEqual({
      kind: 'named', name: 'ci-deployer', how: `GET /v3/users/me answered ${status}, so the token is not a user's; --konnect-system-account names its account`,
    });
    const unknown = decideWhoami({ ok: false, status }, users, accounts, undefined);
    expect(unknown.kind).toBe('unknown');
    expect((unknown as { how: string }).how).toContain('no --konnect-system-account NAME says which account it is');
  });

  it('a 200 that is neither a listed user nor an account (an empty body, a stranger) is not a user either', () => {
    expect(decideWhoami({ ok: true, body: {} }, users, accounts, undefined).kind).toBe('unknown');
    expect(decideWhoami({ ok: true, body: { id: 'zz', email: 'x@example.com' } }, users, accounts, undefined).kind).toBe('unknown');
  });
});
