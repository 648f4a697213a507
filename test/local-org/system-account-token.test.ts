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

  it('is listed on its account, as Konnect lists an account\'s tokens (no secret); tokens are made (the secret shown once, a name twice is 409) and revoked', async () => {
    const { org, api } = await startOrg({ seed: seed(), systemAccount: 'ci-admin' });
    const id = (await api.get('/global/v3/system-accounts')).body.data[0].id as string;
    const path = `/global/v3/system-accounts/${id}/access-tokens`;
    const listed = (await api.get(path)).body.data as Record<string, unknown>[];
    expect(listed).toEqual([{ id: expect.any(String), name: 'orgdeck serve', created_at: expect.any(String), updated_at: expect.any(String), expires_at: expect.any(String) }]);
    expect(Date.parse(listed[0]!.expires_at as string)).toBeGreaterThan(Date.now());
    expect(JSON.stringify(listed)).not.toContain(org.token);
    const made = await api.post(path, { name: 'nightly', expires_at: '2030-01-01T00:00:00Z' });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^spat_[A-Za-z0-9]{48}$/);
    expect((await api.post(path, { name: 'nightly', expires_at: '2030-01-01T00:00:00Z' })).status).toBe(409);
    expect((await api.get(path)).body.data.map((t: { name: string }) => t.name)).toEqual(['orgdeck serve', 'nightly']);
    expect((await api.call('DELETE', `${path}/${made.body.id}`)).status).toBe(204);
    expect((await api.call('DELETE', `${path}/${made.body.id}`)).status).toBe(404);
    expect((await api.get(path)).body.data.map((t: { name: string }) => t.name)).toEqual(['orgdeck serve']);
  });
});
