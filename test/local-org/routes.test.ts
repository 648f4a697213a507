import { describe, expect, it } from 'vitest';
import { RequestLog } from '../../src/local-org/http/request-log.js';
import { allRoutes } from '../../src/local-org/http/routes.js';
import { findOperation } from '../support/openapi.js';
import { startOrg } from '../support/local-org.js';

describe('route table', () => {
  it('every Konnect route is an operation of the specs (only /_local is ours)', () => {
    const konnect = allRoutes(new RequestLog()).filter((r) => !r.path.startsWith('/_local/'));
    expect(konnect.length).toBeGreaterThan(30);
    for (const route of konnect) {
      const path = route.path.replace(':region', 'eu').replace(/:\w+/g, '7f9fd312-a987-4628-b4c5-bb4f4fddd5f7');
      const found = findOperation(route.method, path);
      expect(typeof found === 'string' ? found : 'ok', `${route.method} ${route.path}`).toBe('ok');
    }
  });
});

describe('organization endpoints', () => {
  it('GET /v3/organizations/me names the owner; auth settings are basic auth with Konnect mapping', async () => {
    const { api } = await startOrg({ owner: 'boss@example.com' });
    const me = await api.get('/global/v3/users/me');
    const org = await api.get('/global/v3/organizations/me');
    expect(org.body).toMatchObject({ owner_id: me.body.id, state: 'active' });
    const settings = await api.get('/global/v3/authentication-settings');
    expect(settings.body).toEqual({
      basic_auth_enabled: true,
      oidc_auth_enabled: false,
      saml_auth_enabled: false,
      idp_mapping_enabled: false,
      konnect_mapping_enabled: true,
    });
  });

  it('with the owner deleted, /users/me no longer knows the token', async () => {
    const { api } = await startOrg();
    const me = await api.get('/global/v3/users/me');
    expect((await api.delete(`/global/v3/users/${me.body.id}`)).status).toBe(204);
    expect((await api.get('/global/v3/users/me')).status).toBe(401);
  });
});
