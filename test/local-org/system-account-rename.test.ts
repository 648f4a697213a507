/** PATCH /v3/system-accounts/{id} renames an account in place (update-system-account takes `name`); a taken name is 409. */
import { describe, expect, it } from 'vitest';
import { sampleSeed, startOrg } from '../support/local-org.js';

describe('PATCH /v3/system-accounts/{id} with a name', () => {
  it('renames the account on the same id, keeps its teams, and answers 409 for a name another account has', async () => {
    const { api } = await startOrg({ seed: sampleSeed({ system_accounts: [{ name: 'ci-bot', description: 'CI', teams: ['Payments'] }, { name: 'other', description: 'Other' }] }) });
    const id = (await api.get('/global/v3/system-accounts?filter[name][eq]=ci-bot')).body.data[0].id;
    const teams = (await api.get(`/global/v3/system-accounts/${id}/teams`)).body.data;
    expect(teams.length).toBe(1);
    const res = await api.patch(`/global/v3/system-accounts/${id}`, { name: 'deploy-bot' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, name: 'deploy-bot', description: 'CI' });
    expect((await api.get(`/global/v3/system-accounts/${id}/teams`)).body.data).toEqual(teams);
    expect((await api.patch(`/global/v3/system-accounts/${id}`, { name: 'other' })).status).toBe(409);
    expect((await api.get(`/global/v3/system-accounts/${id}`)).body.name).toBe('deploy-bot');
  });
});
