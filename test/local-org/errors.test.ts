import { describe, expect, it } from 'vitest';
import { startOrg } from '../support/local-org.js';

describe('authentication and routing errors', () => {
  it('401s without a valid bearer token, on every host, with the spec body', async () => {
    const { api } = await startOrg({ token: 'kpat_secret' });
    for (const path of ['/global/v3/users', '/global/v3/users/me', '/us/v2/control-planes', '/global/v3/roles']) {
      for (const token of [null, 'kpat_wrong', '']) {
        const res = await api.get(path, { token });
        expect(res.status, `${path} ${token}`).toBe(401);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(res.body).toMatchObject({ status: 401, title: 'Unauthenticated', detail: 'A valid token is required' });
        expect(res.body.instance).toMatch(/^konnect:trace:\d{19}$/);
      }
    }
    expect((await api.get('/global/v3/users', { token: 'kpat_secret' })).status).toBe(200);
    const lower = await fetch(`${api.org.baseUrl}/global/v3/users`, { headers: { authorization: 'bearer kpat_secret' } });
    expect(lower.status).toBe(200);
  });

  it('the /_local helpers need the token too', async () => {
    const { api } = await startOrg();
    expect((await api.get('/_local/requests', { token: null })).status).toBe(401);
    expect((await api.post('/_local/reset', undefined, { token: 'nope' })).status).toBe(401);
  });

  it('answers unknown routes 404 and wrong methods 405, as problem+json', async () => {
    const { org } = await startOrg();
    const call = (method: string, path: string) =>
      fetch(`${org.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${org.token}` } });
    for (const path of ['/global/v3/nothing', '/mars/v2/control-planes', '/global/v2/control-planes', '/']) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const wrong = await call('PUT', '/global/v3/users');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('malformed path ids are 400 "invalid ID format" named after the parameter', async () => {
    const { api } = await startOrg();
    const cases: [string, string, string][] = [
      ['GET', '/global/v3/teams/42', 'teamID'],
      ['DELETE', '/global/v3/users/42', 'userID'],
      ['GET', '/global/v3/users/42/teams', 'userID'],
      ['GET', '/global/v3/system-accounts/42', 'accountID'],
      ['DELETE', '/global/v3/teams/42/users/7', 'teamID'],
    ];
    for (const [method, path, field] of cases) {
      const res = await api.call(method, path);
      expect(res.status, path).toBe(400);
      expect(res.body).toMatchObject({ title: 'Bad Request', detail: '' });
      expect(res.body.invalid_parameters[0]).toEqual({ field, reason: 'invalid ID format' });
    }
  });

  it('rejects unparsable JSON bodies with the spec example', async () => {
    const { api } = await startOrg();
    const res = await api.call('POST', '/global/v3/invites', { rawBody: 'email=a@b.c' });
    expect(res.body).toMatchObject({ status: 400, invalid_parameters: [{ field: 'body', reason: 'request format is invalid' }] });
    expect((await api.call('POST', '/global/v3/invites')).status).toBe(400);
  });
});
