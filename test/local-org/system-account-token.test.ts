/** The local org can hand out a system account's token (spat_…) instead of the owner's. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { startLocalOrg } from '../../src/local-org/index.js';
import { sampleSeed, startOrg } from '../support/local-org.js';

const seed = () => sampleSeed({ system_accounts: [{ name: 'ci-admin', description: 'CI', teams: ['Organization Admin'] }] });

describe('a system-account token', () => {
  it('is a generated spat_ token; GET /v3/users/me answers 401 to it (its spec security is user tokens only), the rest serves as usual', async () => {
    const { org, api } = await startOrg({ seed: seed(), systemAccount: 'ci-admin' });
    expect(org.token).toMatch(/^spat_[A-Za-z0-9]{48}$/);
    const me = await api.get('/global/v3/users/me');
    expect(me.status).toBe(401);
    expect(me.headers.get('content-type')).toContain('application/problem+json');
    expect((await api.get('/global/v3/system-accounts')).body.data.map((a: { name: string }) => a.name)).toEqual(['ci-admin']);
  });

  it('refuses an account the org does not hold, naming it', async () => {
    await expect(startLocalOrg({ seed: seed(), systemAccount: 'nobody' })).rejects.toThrow(UsageError);
    await expect(startLocalOrg({ seed: seed(), systemAccount: 'nobody' })).rejects.toThrow('no system account named "nobody"');
  });
});
