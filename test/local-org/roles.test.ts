import { describe, expect, it } from 'vitest';
import { ROLE_CATALOGUE } from '../../src/catalogue/roles.js';
import { CP_PROD_US, sampleSeed, startOrg, teamIdByName, userIdByEmail } from '../support/local-org.js';

const cpViewer = { role_name: 'Viewer', entity_id: CP_PROD_US, entity_type_name: 'Control Planes', entity_region: 'us' };

describe('GET /v3/roles', () => {
  it('renders the bundled catalogue keyed by group and role', async () => {
    const { api } = await startOrg();
    const res = await api.get('/global/v3/roles');
    expect(Object.keys(res.body)).toEqual(ROLE_CATALOGUE.map((g) => g.key));
    expect(res.body.mesh_control_planes.name).toBe('Mesh Control Plane');
    expect(res.body.control_planes.roles.admin).toEqual({
      name: 'Admin',
      description: 'This role grants full write access to all entities within a control plane.',
    });
  });
});

describe.each([
  ['users', 'ana@example.com'],
  ['teams', 'Payments'],
  ['system-accounts', 'ci-bot'],
])('/v3/%s/{id}/assigned-roles', (kind, name) => {
  async function setup() {
    const ctx = await startOrg({ seed: sampleSeed({ system_accounts: [{ name: 'ci-bot', description: 'CI' }] }) });
    let id: string;
    if (kind === 'users') id = await userIdByEmail(ctx.api, name);
    else if (kind === 'teams') id = await teamIdByName(ctx.api, name);
    else id = (await ctx.api.get(`/global/v3/system-accounts?filter[name][eq]=${name}`)).body.data[0].id;
    return { ...ctx, base: `/global/v3/${kind}/${id}/assigned-roles` };
  }

  it('assigns (201 AssignedRole), refuses duplicates (409), gets and deletes one', async () => {
    const { api, base } = await setup();
    const before = (await api.get(base)).body.data.length;
    const created = await api.post(base, cpViewer);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(cpViewer);
    const dup = await api.post(base, { ...cpViewer, entity_region: 'us' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ status: 409, title: 'Resource Conflict' });
    expect((await api.post(base, { ...cpViewer, entity_region: '*' })).status).toBe(201);

    const list = await api.get(base);
    expect(list.body.meta.page.total).toBe(before + 2);
    expect((await api.get(`${base}/${created.body.id}`)).body).toEqual(created.body);
    expect((await api.delete(`${base}/${created.body.id}`)).status).toBe(204);
    expect((await api.get(`${base}/${created.body.id}`)).status).toBe(404);
    expect((await api.delete(`${base}/${created.body.id}`)).status).toBe(404);
  });

  it('filters by role_name and entity_type_name', async () => {
    const { api, base } = await setup();
    await api.post(base, cpViewer);
    await api.post(base, { role_name: 'Admin', entity_id: '*', entity_type_name: 'Audit Logs', entity_region: '*' });
    const viewers = await api.get(`${base}?filter[role_name][eq]=Viewer&filter[entity_type_name][eq]=Control Planes`);
    expect(viewers.body.data.map((r: { entity_id: string }) => r.entity_id)).toContain(CP_PROD_US);
    const audit = await api.get(`${base}?filter[entity_type_name][eq]=Audit Logs`);
    expect(audit.body.data).toEqual([expect.objectContaining({ role_name: 'Admin', entity_id: '*' })]);
    expect((await api.get(`${base}?filter[role_name][contains]=View`)).status).toBe(400);
  });

  it('validates the AssignRole body and the role catalogue', async () => {
    const { api, base } = await setup();
    const bad = async (body: unknown) => (await api.post(base, body)).body.invalid_parameters;
    expect(await bad({ ...cpViewer, entity_region: 'mars' })).toEqual([expect.objectContaining({ field: 'entity_region', rule: 'enum' })]);
    expect(await bad({ ...cpViewer, entity_id: 'prod' })).toEqual([expect.objectContaining({ field: 'entity_id', rule: 'is_uuid' })]);
    expect(await bad({ role_name: 'Viewer' })).toHaveLength(3);
    expect(await bad({ ...cpViewer, role_name: 'Overlord' })).toEqual([expect.objectContaining({ field: 'role_name', rule: 'enum' })]);
    expect(await bad({ ...cpViewer, entity_type_name: 'Spaceships' })).toEqual([expect.objectContaining({ field: 'entity_type_name', rule: 'enum' })]);
    const documented = { role_name: 'Event Gateways Admin', entity_id: '*', entity_type_name: 'Control Planes', entity_region: 'eu' };
    expect((await api.post(base, documented)).status).toBe(201);
  });
});

describe('assigned roles: principals and ids', () => {
  it('only the user-list filters include entity_id; teams reject it as the spec has none', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const ana = await userIdByEmail(api, 'ana@example.com');
    expect((await api.get(`/global/v3/users/${ana}/assigned-roles?filter[entity_id][eq]=*`)).body.data).toHaveLength(1);
    const team = await teamIdByName(api, 'Platform');
    expect((await api.get(`/global/v3/teams/${team}/assigned-roles?filter[entity_id][eq]=*`)).status).toBe(400);
  });

  it('404s an unknown principal and 400s malformed ids with Konnect field names', async () => {
    const { api } = await startOrg();
    const ghost = '00000000-0000-4000-8000-000000000009';
    expect((await api.post(`/global/v3/users/${ghost}/assigned-roles`, cpViewer)).status).toBe(404);
    expect((await api.get(`/global/v3/teams/${ghost}/assigned-roles`)).body.detail).toBe('The requested team was not found');
    const bad = await api.get('/global/v3/users/abc/assigned-roles/def');
    expect(bad.body.invalid_parameters).toEqual([
      { field: 'userID', reason: 'invalid ID format' },
      { field: 'roleID', reason: 'invalid ID format' },
    ]);
  });

  it('a role id belongs to its principal only', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const ana = await userIdByEmail(api, 'ana@example.com');
    const bo = await userIdByEmail(api, 'bo@example.com');
    const role = (await api.get(`/global/v3/users/${ana}/assigned-roles`)).body.data[0];
    expect((await api.get(`/global/v3/users/${bo}/assigned-roles/${role.id}`)).status).toBe(404);
    expect((await api.delete(`/global/v3/users/${bo}/assigned-roles/${role.id}`)).status).toBe(404);
  });
});

describe('system accounts', () => {
  it('CRUD with unique names, team membership both ways, cascades on delete', async () => {
    const { api, org } = await startOrg({ seed: sampleSeed() });
    const SA = '/global/v3/system-accounts';
    const created = await api.post(SA, { name: 'deployer', description: 'deploys' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'deployer', description: 'deploys', konnect_managed: false });
    expect((await api.post(SA, { name: 'deployer', description: 'again' })).status).toBe(409);
    expect((await api.post(SA, { name: 'x' })).status).toBe(400);
    const id = created.body.id;
    expect((await api.patch(`${SA}/${id}`, { description: 'ships' })).body.description).toBe('ships');
    await api.post(SA, { name: 'other', description: 'o' });
    expect((await api.patch(`${SA}/${id}`, { name: 'other' })).status).toBe(409);
    expect((await api.get(`${SA}?filter[name][contains]=deploy`)).body.meta.page.total).toBe(1);
    expect((await api.get(`${SA}?filter[konnect_managed]=false`)).body.meta.page.total).toBe(2);

    const team = await teamIdByName(api, 'Platform');
    expect((await api.post(`/global/v3/teams/${team}/system-accounts`, { id })).status).toBe(201);
    expect((await api.post(`/global/v3/teams/${team}/system-accounts`, { id })).status).toBe(409);
    expect((await api.get(`/global/v3/teams/${team}/system-accounts`)).body.data.map((a: { name: string }) => a.name)).toEqual(['deployer']);
    expect((await api.get(`${SA}/${id}/teams`)).body.data.map((t: { name: string }) => t.name)).toEqual(['Platform']);
    await api.post(`${SA}/${id}/assigned-roles`, cpViewer);

    expect((await api.delete(`${SA}/${id}`)).status).toBe(204);
    expect((await api.get(`${SA}/${id}`)).status).toBe(404);
    const snap = org.snapshot();
    expect(snap.team_system_accounts).toEqual([]);
    expect(snap.assigned_roles.some((r) => r.principal_id === id)).toBe(false);
    expect((await api.delete(`/global/v3/teams/${team}/system-accounts/${id}`)).status).toBe(404);
  });

  it('Konnect-managed accounts cannot be edited or deleted', async () => {
    const { api } = await startOrg({ seed: { system_accounts: [{ name: 'mesh-zone', description: 'managed', konnect_managed: true }] } });
    const id = (await api.get('/global/v3/system-accounts')).body.data[0].id;
    expect((await api.patch(`/global/v3/system-accounts/${id}`, { description: 'x' })).status).toBe(403);
    expect((await api.delete(`/global/v3/system-accounts/${id}`)).status).toBe(403);
  });
});
