import { PREDEFINED_TEAMS } from '../../src/model.js';
import { describe, expect, it } from 'vitest';
import { sampleSeed, startOrg, teamIdByName, userIdByEmail } from '../support/local-org.js';

const TEAMS = '/global/v3/teams';
const names = (res: { body: { data: { name: string }[] } }) => res.body.data.map((t) => t.name);

describe('GET /v3/teams', () => {
  it('always has the 8 predefined system teams', async () => {
    const { api } = await startOrg();
    const res = await api.get(`${TEAMS}?page[size]=100`);
    expect(res.body.meta.page.total).toBe(8);
    expect(names(res).sort()).toEqual([...PREDEFINED_TEAMS].sort());
    expect(res.body.data.every((t: { system_team: boolean; description: null; labels: object }) => t.system_team && t.description === null)).toBe(true);
  });

  it('filters by name and by labels (eq, contains, exists)', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    await api.post(TEAMS, { name: 'Platform Ops', labels: { env: 'staging' } });
    expect(names(await api.get(`${TEAMS}?filter[name][eq]=Platform`))).toEqual(['Platform']);
    expect(names(await api.get(`${TEAMS}?filter[name][contains]=Platform`))).toEqual(['Platform', 'Platform Ops']);
    expect(names(await api.get(`${TEAMS}?filter[labels.env][eq]=prod`))).toEqual(['Platform']);
    expect(names(await api.get(`${TEAMS}?filter[labels.env][contains]=stag`))).toEqual(['Platform Ops']);
    expect(names(await api.get(`${TEAMS}?filter[labels.owner][exists]=true`))).toEqual(['Platform']);
    const without = await api.get(`${TEAMS}?filter[labels.env][exists]=false&page[size]=100`);
    expect(without.body.meta.page.total).toBe(9);
    expect(names(await api.get(`${TEAMS}?filter[labels.env][eq]=prod&filter[name][contains]=Ops`))).toEqual([]);
    const bad = await api.get(`${TEAMS}?filter[labels.env][neq]=prod`);
    expect(bad.body.invalid_parameters).toEqual([{ field: '[filter][labels.env][neq]', reason: '[neq] is not a supported filter operation' }]);
    expect((await api.get(`${TEAMS}?filter[name][exists]=true`)).status).toBe(400);
  });
});

describe('team CRUD', () => {
  it('creates a TeamResponse; duplicate names make a second team', async () => {
    const { api } = await startOrg();
    const first = await api.post(TEAMS, { name: 'Dup', description: 'one' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'Dup', description: 'one', system_team: false, labels: {} });
    const second = await api.post(TEAMS, { name: 'Dup', description: 'one' });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect((await api.get(`${TEAMS}?filter[name][eq]=Dup`)).body.meta.page.total).toBe(2);
    const noDescription = await api.post(TEAMS, { name: 'Bare' });
    expect(noDescription.body.description).toBeNull();
  });

  it('validates the body: name required, lengths, unknown shapes', async () => {
    const { api } = await startOrg();
    expect((await api.post(TEAMS, {})).body.invalid_parameters).toEqual([
      { field: 'name', rule: 'required', reason: 'is a required field', source: 'body' },
    ]);
    expect((await api.post(TEAMS, { name: '' })).body.invalid_parameters[0]).toMatchObject({ field: 'name', rule: 'min_length', reason: 'cannot be blank' });
    expect((await api.post(TEAMS, { name: 'x'.repeat(251) })).body.invalid_parameters[0]).toMatchObject({ rule: 'max_length', maximum: 250 });
    expect((await api.post(TEAMS, { name: 5 })).body.invalid_parameters[0]).toMatchObject({ field: 'name', rule: 'is_string' });
    const notJson = await api.call('POST', TEAMS, { rawBody: '{"name":' });
    expect(notJson.body.invalid_parameters).toEqual([{ field: 'body', reason: 'request format is invalid' }]);
    expect((await api.call('POST', TEAMS, { rawBody: '[1]' })).status).toBe(400);
  });

  it('validates labels per the spec Labels schema and its key rules', async () => {
    const { api } = await startOrg();
    const post = (labels: unknown) => api.post(TEAMS, { name: 'L', labels });
    expect((await post({ env: 'prod', 'team.name': 'a-b_c.d', KONGCTL_namespace: 'x' })).status).toBe(201);
    const cases: [unknown, string, string][] = [
      [{ env: 'bad value' }, 'labels.env', 'matches_regex'],
      [{ env: '-lead' }, 'labels.env', 'matches_regex'],
      [{ env: '' }, 'labels.env', 'min_length'],
      [{ env: 'x'.repeat(64) }, 'labels.env', 'max_length'],
      [{ kong_thing: 'x' }, 'labels.kong_thing', 'is_label'],
      [{ konnect: 'x' }, 'labels.konnect', 'is_label'],
      [{ mesh1: 'x' }, 'labels.mesh1', 'is_label'],
      [{ kic: 'x' }, 'labels.kic', 'is_label'],
      [{ _x: 'x' }, 'labels._x', 'is_label'],
      [{ ['k'.repeat(64)]: 'x' }, `labels.${'k'.repeat(64)}`, 'is_label'],
      [{ env: 3 }, 'labels.env', 'is_string'],
      [Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])), 'labels', 'max_items'],
    ];
    for (const [labels, field, rule] of cases) {
      const res = await post(labels);
      expect(res.status, JSON.stringify(labels).slice(0, 60)).toBe(400);
      expect(res.body.invalid_parameters, field).toContainEqual(expect.objectContaining({ field, rule }));
    }
  });

  it('PATCH updates name/description and merges labels, null deleting a key', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const id = await teamIdByName(api, 'Platform');
    const res = await api.patch(`${TEAMS}/${id}`, { name: 'Platform 2', description: 'new', labels: { env: 'dev', owner: null, tier: 'gold' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Platform 2', description: 'new', labels: { env: 'dev', tier: 'gold' } });
    expect((await api.patch(`${TEAMS}/${id}`, {})).body.labels).toEqual({ env: 'dev', tier: 'gold' });
    expect((await api.patch(`${TEAMS}/${id}`, { labels: null })).body.labels).toEqual({});
    expect((await api.get(`${TEAMS}/${id}`)).body.name).toBe('Platform 2');
    expect((await api.patch(`${TEAMS}/${id}`, { labels: { kong: 'x' } })).status).toBe(400);
    expect((await api.patch(`${TEAMS}/${id}`, { description: '' })).status).toBe(400);
  });

  it('a PATCH may not push a team over 50 labels', async () => {
    const { api } = await startOrg();
    const labels = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    const team = await api.post(TEAMS, { name: 'Full', labels });
    const res = await api.patch(`${TEAMS}/${team.body.id}`, { labels: { extra: 'v' } });
    expect(res.status).toBe(400);
    expect(res.body.invalid_parameters[0]).toMatchObject({ field: 'labels', rule: 'max_items', maximum: 50 });
  });

  it('system teams cannot be modified, deleted or given roles, but their members can change', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const id = await teamIdByName(api, 'Organization Admin');
    const expected = { status: 400, title: 'Bad Request', invalid_parameters: [{ field: 'teamID', reason: 'system teams cannot be modified' }] };
    expect((await api.patch(`${TEAMS}/${id}`, { description: 'x' })).body).toMatchObject(expected);
    expect((await api.delete(`${TEAMS}/${id}`)).body).toMatchObject(expected);
    const role = { role_name: 'Admin', entity_id: '*', entity_type_name: 'Audit Logs', entity_region: '*' };
    expect((await api.post(`${TEAMS}/${id}/assigned-roles`, role)).body).toMatchObject(expected);
    const bo = await userIdByEmail(api, 'bo@example.com');
    expect((await api.post(`${TEAMS}/${id}/users`, { id: bo })).status).toBe(201);
    expect((await api.delete(`${TEAMS}/${id}/users/${bo}`)).status).toBe(204);
  });

  it('DELETE removes the team, its memberships and roles', async () => {
    const { api, org } = await startOrg({ seed: sampleSeed() });
    const id = await teamIdByName(api, 'Platform');
    expect((await api.delete(`${TEAMS}/${id}`)).status).toBe(204);
    expect((await api.get(`${TEAMS}/${id}`)).body.detail).toBe('The requested team was not found');
    expect((await api.delete(`${TEAMS}/${id}`)).status).toBe(404);
    const snap = org.snapshot();
    expect(snap.team_users.some((m) => m.team_id === id)).toBe(false);
    expect(snap.assigned_roles.some((r) => r.principal_id === id)).toBe(false);
    const ana = await userIdByEmail(api, 'ana@example.com');
    expect(names(await api.get(`/global/v3/users/${ana}/teams`))).toEqual(['Analytics Viewer']);
  });
});

describe('team membership', () => {
  it('adds (201 no body), refuses duplicates (409) and unknown users (404), removes (204/404)', async () => {
    const { api } = await startOrg({ seed: sampleSeed() });
    const team = await teamIdByName(api, 'Payments');
    const ana = await userIdByEmail(api, 'ana@example.com');
    const added = await api.post(`${TEAMS}/${team}/users`, { id: ana });
    expect(added.status).toBe(201);
    expect(added.text).toBe('');
    const dup = await api.post(`${TEAMS}/${team}/users`, { id: ana });
    expect(dup.status).toBe(409);
    expect(dup.body.title).toBe('Resource Conflict');
    const unknown = await api.post(`${TEAMS}/${team}/users`, { id: '00000000-0000-4000-8000-000000000001' });
    expect(unknown.body).toMatchObject({ status: 404, detail: 'The requested user was not found' });
    const badId = await api.post(`${TEAMS}/${team}/users`, { id: 'nope' });
    expect(badId.body.invalid_parameters).toEqual([{ field: 'id', rule: 'is_uuid', reason: 'must be a valid UUID v4', source: 'body' }]);

    const members = await api.get(`${TEAMS}/${team}/users`);
    expect(members.body.data.map((u: { email: string }) => u.email)).toEqual(['ana@example.com', 'bo@example.com']);
    const page = await api.get(`${TEAMS}/${team}/users?page[size]=1&page[number]=2&filter[email][contains]=example`);
    expect(page.body.meta.page).toEqual({ number: 2, size: 1, total: 2 });

    expect((await api.delete(`${TEAMS}/${team}/users/${ana}`)).status).toBe(204);
    expect((await api.delete(`${TEAMS}/${team}/users/${ana}`)).status).toBe(404);
    const ghost = await api.post(`${TEAMS}/00000000-0000-4000-8000-000000000002/users`, { id: ana });
    expect(ghost.body.detail).toBe('The requested team was not found');
  });
});
