import { describe, expect, it } from 'vitest';
import { sampleSeed, startOrg, teamIdByName, userIdByEmail } from '../support/local-org.js';

const USERS = '/global/v3/users';

describe('GET /v3/users', () => {
  it('pages with 1-based page[number], meta.page.total counting items', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const all = await api.get(USERS);
    expect(all.body.meta.page).toEqual({ number: 1, size: 10, total: 4 });
    expect(all.body.data.map((u: { email: string }) => u.email)).toEqual([
      'owner@example.com', 'ana@example.com', 'bo@example.com', 'cy@example.com',
    ]);

    const second = await api.get(`${USERS}?page[size]=1&page[number]=2`);
    expect(second.body.meta.page).toEqual({ number: 2, size: 1, total: 4 });
    expect(second.body.data.map((u: { email: string }) => u.email)).toEqual(['ana@example.com']);

    const last = await api.get(`${USERS}?page[size]=3&page[number]=2`);
    expect(last.body.data).toHaveLength(1);

    const beyond = await api.get(`${USERS}?page[size]=3&page[number]=9`);
    expect(beyond.status).toBe(200);
    expect(beyond.body).toEqual({ meta: { page: { number: 9, size: 3, total: 4 } }, data: [] });
  });

  it('rejects page values that are not positive integers, or over 100', async () => {
    const { api } = await startOrg();
    for (const q of ['page[size]=0', 'page[number]=abc', 'page[size]=101', 'page[number]=-1']) {
      const res = await api.get(`${USERS}?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.invalid_parameters[0].field).toMatch(/^page\[/);
    }
  });

  it('filters by email (case-insensitive), full_name, active and id', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const emails = async (q: string) => (await api.get(`${USERS}?${q}`)).body.data.map((u: { email: string }) => u.email);
    expect(await emails('filter[email][eq]=ANA@example.com')).toEqual(['ana@example.com']);
    expect(await emails('filter[email][contains]=EXAMPLE')).toHaveLength(4);
    expect(await emails('filter[full_name][eq]=Bo Chen')).toEqual(['bo@example.com']);
    expect(await emails('filter[full_name][contains]=Li')).toEqual(['ana@example.com']);
    expect(await emails('filter[active]=false')).toEqual(['cy@example.com']);
    expect(await emails('filter[active]=true')).toHaveLength(3);
    const bo = await userIdByEmail(api, 'bo@example.com');
    expect(await emails(`filter[id][eq]=${bo}`)).toEqual(['bo@example.com']);
    expect(await emails('filter[email][eq]=ana@example.com&filter[active]=false')).toEqual([]);
    const counted = await api.get(`${USERS}?filter[active]=true&page[size]=1`);
    expect(counted.body.meta.page.total).toBe(3);
  });

  it('answers an unsupported filter operation or field with the spec 400', async () => {
    const { api } = await startOrg();
    const op = await api.get(`${USERS}?filter[email][neq]=x`);
    expect(op.status).toBe(400);
    expect(op.body).toMatchObject({
      status: 400,
      title: 'Bad Request',
      detail: '',
      invalid_parameters: [{ field: '[filter][email][neq]', reason: '[neq] is not a supported filter operation' }],
    });
    expect((await api.get(`${USERS}?filter[nickname][eq]=x`)).status).toBe(400);
    const bool = await api.get(`${USERS}?filter[active]=maybe`);
    expect(bool.body.invalid_parameters[0]).toMatchObject({ field: '[filter][active]', rule: 'is_boolean' });
  });
});

describe('users by id', () => {
  it('GET /v3/users/me is the owner, matched before /users/{id}', async () => {
    const { api } = await startOrg({ owner: 'boss@example.com' });
    const me = await api.get(`${USERS}/me`);
    expect(me.body).toMatchObject({ email: 'boss@example.com', active: true });
    const admins = await api.get(`/global/v3/teams/${await teamIdByName(api, 'Organization Admin')}/users`);
    expect(admins.body.data.map((u: { email: string }) => u.email)).toEqual(['boss@example.com']);
  });

  it('gets, patches names only, and 404s unknown ids', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const id = await userIdByEmail(api, 'bo@example.com');
    expect((await api.get(`${USERS}/${id}`)).body).toMatchObject({ id, email: 'bo@example.com', full_name: 'Bo Chen' });

    const patched = await api.patch(`${USERS}/${id}`, { full_name: 'Bo C. Chen', preferred_name: 'Bo' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ full_name: 'Bo C. Chen', preferred_name: 'Bo', email: 'bo@example.com' });

    const email = await api.patch(`${USERS}/${id}`, { email: 'x@example.com', active: false });
    expect(email.status).toBe(400);
    expect(email.body.invalid_parameters.map((p: { field: string }) => p.field).sort()).toEqual(['active', 'email']);
    expect(email.body.invalid_parameters[0].rule).toBe('unknown_property');

    const tooLong = await api.patch(`${USERS}/${id}`, { full_name: 'x'.repeat(251) });
    expect(tooLong.body.invalid_parameters).toEqual([
      { field: 'full_name', rule: 'max_length', maximum: 250, reason: 'must not have more than 250 characters', source: 'body' },
    ]);

    const missing = await api.get(`${USERS}/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not Found', detail: 'The requested user was not found' });
  });

  it('DELETE drops the user with their memberships and roles', async () => {
    const { api, org } = await startOrg({ seed: sampleSeed() });
    const id = await userIdByEmail(api, 'ana@example.com');
    expect((await api.get(`${USERS}/${id}/assigned-roles`)).body.data).toHaveLength(1);
    expect((await api.delete(`${USERS}/${id}`)).status).toBe(204);
    expect((await api.get(`${USERS}/${id}`)).status).toBe(404);
    expect((await api.get(`${USERS}/${id}/teams`)).status).toBe(404);
    expect((await api.delete(`${USERS}/${id}`)).status).toBe(404);
    const snap = org.snapshot();
    expect(snap.team_users.some((m) => m.user_id === id)).toBe(false);
    expect(snap.assigned_roles.some((r) => r.principal_id === id)).toBe(false);
    const platform = await api.get(`/global/v3/teams/${await teamIdByName(api, 'Platform')}/users`);
    expect(platform.body.data.map((u: { email: string }) => u.email)).toEqual(['cy@example.com']);
  });

  it('lists the teams of a user, paginated and filtered by name', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const id = await userIdByEmail(api, 'ana@example.com');
    const teams = await api.get(`${USERS}/${id}/teams`);
    expect(teams.body.data.map((t: { name: string }) => t.name)).toEqual(['Analytics Viewer', 'Platform']);
    expect(teams.body.meta.page.total).toBe(2);
    const page = await api.get(`${USERS}/${id}/teams?page[size]=1&page[number]=2`);
    expect(page.body.data.map((t: { name: string }) => t.name)).toEqual(['Platform']);
    const filtered = await api.get(`${USERS}/${id}/teams?filter[name][contains]=Plat`);
    expect(filtered.body.data.map((t: { name: string }) => t.name)).toEqual(['Platform']);
    expect((await api.get(`${USERS}/${id}/teams?filter[name][eq]=Analytics Viewer`)).body.data).toHaveLength(1);
  });
});

describe('invites', () => {
  it('creates a pending user with no names; re-invite is 201 without a duplicate', async () => {
    const { api } = await startOrg();
    const res = await api.post('/global/v3/invites', { email: 'new@example.com' });
    expect(res.status).toBe(201);
    expect(res.text).toBe('');
    const again = await api.post('/global/v3/invites', { email: 'NEW@example.com' });
    expect(again.status).toBe(201);
    const found = await api.get(`${USERS}?filter[email][eq]=new@example.com`);
    expect(found.body.data).toHaveLength(1);
    const user = found.body.data[0];
    expect(user.active).toBe(false);
    expect(user).not.toHaveProperty('full_name');
    expect(user).not.toHaveProperty('preferred_name');
  });

  it('refuses an active user with the spec 409 and an invalid email with 400', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const active = await api.post('/global/v3/invites', { email: 'ana@example.com' });
    expect(active.status).toBe(409);
    expect(active.body).toMatchObject({ status: 409, title: 'Resource Conflict', detail: 'User is already active' });
    const bad = await api.post('/global/v3/invites', { email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body.invalid_parameters[0]).toMatchObject({ field: 'email', rule: 'invalid' });
    const missing = await api.post('/global/v3/invites', {});
    expect(missing.body.invalid_parameters[0]).toMatchObject({ field: 'email', rule: 'required' });
  });

  it('a pending user can join teams and get roles; /_local/invites/accept activates them', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    await api.post('/global/v3/invites', { email: 'dee@example.com' });
    const id = await userIdByEmail(api, 'dee@example.com');
    const team = await teamIdByName(api, 'Payments');
    expect((await api.post(`/global/v3/teams/${team}/users`, { id })).status).toBe(201);
    const role = { role_name: 'Viewer', entity_id: '*', entity_type_name: 'Control Planes', entity_region: '*' };
    expect((await api.post(`${USERS}/${id}/assigned-roles`, role)).status).toBe(201);

    const accepted = await api.post('/_local/invites/accept', { email: 'dee@example.com', full_name: 'Dee Dee' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id, active: true, full_name: 'Dee Dee' });
    expect((await api.get(`${USERS}/${id}`)).body.active).toBe(true);
    expect((await api.post('/global/v3/invites', { email: 'dee@example.com' })).status).toBe(409);

    const none = await api.post('/_local/invites/accept', { email: 'dee@example.com', full_name: 'Dee' });
    expect(none.status).toBe(404);
    expect((await api.post('/_local/invites/accept', { email: 'zed@example.com', full_name: 'Z' })).status).toBe(404);
  });

  it('deleting a pending user cancels the invite', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const id = await userIdByEmail(api, 'cy@example.com');
    expect((await api.delete(`${USERS}/${id}`)).status).toBe(204);
    expect((await api.get(`${USERS}?filter[active]=false`)).body.data).toEqual([]);
    expect((await api.post('/_local/invites/accept', { email: 'cy@example.com', full_name: 'Cy' })).status).toBe(404);
  });
});
