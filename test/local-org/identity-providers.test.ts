import { describe, expect, it } from 'vitest';
import { sampleSeed, startOrg, teamIdByName } from '../support/local-org.js';

const V3 = '/global/v3';
const IDP_A = '5b1a7c1e-0d6a-4a52-9a43-aaaaaaaaaaaa';

describe('identity providers and their team-group mappings', () => {
  it('lists seeded providers (filter by type), creates, enables at most one, deletes', async () => {
    const { api } = await startOrg({ seed: sampleSeed({ identity_providers: [{ type: 'saml', login_path: 'acme', enabled: true, id: IDP_A }] }) });
    const list = await api.get(`${V3}/identity-providers`);
    expect(list.body).toEqual([expect.objectContaining({ id: IDP_A, type: 'saml', enabled: true, login_path: 'acme' })]);
    const oidc = await api.post(`${V3}/identity-providers`, { type: 'oidc', login_path: 'acme-oidc', enabled: true, config: { issuer_url: 'https://idp.example.com', client_id: 'c', client_secret: 's3cret' } });
    expect(oidc.status).toBe(201);
    expect(oidc.body.config.client_secret).toBeUndefined();
    expect((await api.get(`${V3}/identity-providers?filter[type][eq]=saml`)).body).toEqual([expect.objectContaining({ id: IDP_A, enabled: false })]);
    expect((await api.patch(`${V3}/identity-providers/${IDP_A}`, { enabled: true })).body.enabled).toBe(true);
    expect((await api.get(`${V3}/identity-providers/${oidc.body.id}`)).body.enabled).toBe(false);
    expect((await api.delete(`${V3}/identity-providers/${oidc.body.id}`)).status).toBe(204);
    expect((await api.get(`${V3}/identity-providers/${oidc.body.id}`)).status).toBe(404);
  });

  it('maps groups case-sensitively (409 on a repeat), pages with a cursor, deletes; the team going takes its mappings', async () => {
    const { api } = await startOrg({ seed: sampleSeed({ identity_providers: [{ type: 'oidc', id: IDP_A }] }) });
    const team = await teamIdByName(api, 'Platform');
    const path = `${V3}/identity-providers/${IDP_A}/team-group-mappings`;
    const made = [];
    for (const group of ['Admins', 'admins', 'Ops']) {
      const r = await api.post(path, { team_id: team, group });
      expect(r.status).toBe(201);
      made.push(r.body);
    }
    expect((await api.post(path, { team_id: team, group: 'Admins' })).status).toBe(409);
    const first = await api.get(`${path}?page[size]=2`);
    expect(first.body.data.map((m: { group: string }) => m.group)).toEqual(['Admins', 'admins']);
    expect(first.body.meta.page.previous).toBeNull();
    const after = new URLSearchParams(first.body.meta.page.next.split('?')[1]).get('page[after]');
    const second = await api.get(`${path}?page[size]=2&page[after]=${after}`);
    expect(second.body.data.map((m: { group: string }) => m.group)).toEqual(['Ops']);
    expect(second.body.meta.page.next).toBeNull();
    expect((await api.get(`${path}?filter[group][eq]=admins`)).body.data).toHaveLength(1);
    expect((await api.delete(`${path}/${made[0].id}`)).status).toBe(204);
    expect((await api.get(`${path}/${made[0].id}`)).status).toBe(404);
    await api.delete(`${V3}/teams/${team}`);
    expect((await api.get(path)).body.data).toEqual([]);
  });

  it('a filtered mapping list keeps its filter in its next, previous and last links', async () => {
    const { api } = await startOrg({ seed: sampleSeed({ identity_providers: [{ type: 'oidc', id: IDP_A }] }) });
    const [platform, payments] = [await teamIdByName(api, 'Platform'), await teamIdByName(api, 'Payments')];
    const path = `${V3}/identity-providers/${IDP_A}/team-group-mappings`;
    for (const [team, group] of [[platform, 'A'], [payments, 'B'], [platform, 'C'], [payments, 'D'], [platform, 'E & F']]) {
      expect((await api.post(path, { team_id: team, group })).status).toBe(201);
    }
    const groups = (r: { body: { data: { group: string }[] } }) => r.body.data.map((m) => m.group);
    const first = await api.get(`${path}?page[size]=1&filter[team_id][eq]=${platform}`);
    expect(groups(first)).toEqual(['A']);
    const page = first.body.meta.page;
    for (const link of [page.next, page.last]) expect(link).toContain(`filter[team_id][eq]=${platform}`);
    const second = await api.get(`${V3}${page.next}`);
    expect(groups(second)).toEqual(['C']);
    expect(second.body.meta.page.previous).toContain(`filter[team_id][eq]=${platform}`);
    expect(groups(await api.get(`${V3}${second.body.meta.page.previous}`))).toEqual(['A']);
    expect(groups(await api.get(`${V3}${second.body.meta.page.next}`))).toEqual(['E & F']);
    expect(groups(await api.get(`${V3}${page.last}`))).toEqual(['E & F']);
    // A value that needs escaping survives the round trip through a link.
    const byGroup = await api.get(`${path}?page[size]=1&filter[group][eq]=${encodeURIComponent('E & F')}`);
    expect(groups(byGroup)).toEqual(['E & F']);
    expect(groups(await api.get(`${V3}${byGroup.body.meta.page.last}`))).toEqual(['E & F']);
  });

  it('legacy team-group mappings answer 400 until a provider exists', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const r = await api.get(`${V3}/identity-provider/team-group-mappings`);
    expect(r.status).toBe(400);
    expect(r.body.invalid_parameters).toEqual([{ field: 'data', reason: 'cannot be set before configuring an identity provider' }]);
  });

  it('PATCH /v3/authentication-settings: SSO needs a provider; one scheme must stay on', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const S = `${V3}/authentication-settings`;
    expect((await api.patch(S, { oidc_auth_enabled: true })).body.invalid_parameters).toEqual([{ field: 'oidc_auth_enabled', reason: 'cannot be set before configuring an identity provider' }]);
    expect((await api.patch(S, { basic_auth_enabled: false })).body.detail).toBe('Atleast one of the authentication schemes from basic, oidc or saml needs to be enabled');
    await api.post(`${V3}/identity-providers`, { type: 'oidc', config: { issuer_url: 'https://idp.example.com', client_id: 'c' } });
    const ok = await api.patch(S, { oidc_auth_enabled: true, idp_mapping_enabled: true, konnect_mapping_enabled: false });
    expect(ok.status).toBe(200);
    expect((await api.get(S)).body).toEqual({ basic_auth_enabled: true, oidc_auth_enabled: true, saml_auth_enabled: false, idp_mapping_enabled: true, konnect_mapping_enabled: false });
  });

  it('PATCH /v3/authentication-settings keeps only the five documented flags: other keys are neither stored nor answered', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const S = `${V3}/authentication-settings`;
    const r = await api.patch(S, { konnect_mapping_enabled: false, idp_mapping_enabled: true, sso_everything: true, __proto__x: 1, basic_auth_enabled: true });
    const five = { basic_auth_enabled: true, oidc_auth_enabled: false, saml_auth_enabled: false, idp_mapping_enabled: true, konnect_mapping_enabled: false };
    expect(r.status).toBe(200);
    expect(r.body).toEqual(five);
    expect((await api.get(S)).body).toEqual(five);
  });
});
