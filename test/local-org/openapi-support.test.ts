import { describe, expect, it } from 'vitest';
import { findOperation, validateRequest, validateResponse } from '../support/openapi.js';

const USER = { id: '7f9fd312-a987-4628-b4c5-bb4f4fddd5f7', email: 'a@example.com', active: true, created_at: '2022-02-07T17:46:57.52Z', updated_at: '2022-02-07T17:46:57.52Z' };
const PROBLEM = { status: 404, title: 'Not Found', instance: 'konnect:trace:1', detail: 'x' };

describe('validateResponse', () => {
  it('maps hosts to specs: /global/v3 → identity (paths without /v3), /{region}/v2 → CP and API products', () => {
    expect(findOperation('GET', '/global/v3/users/me')).toMatchObject({ template: '/users/me' });
    expect(findOperation('GET', `/global/v3/users/${USER.id}`)).toMatchObject({ template: '/users/{userId}' });
    expect(findOperation('GET', '/eu/v2/control-planes?filter[name][eq]=x')).toMatchObject({ template: '/control-planes' });
    expect(findOperation('GET', '/au/v2/api-products')).toMatchObject({ template: '/api-products' });
    expect(findOperation('GET', '/global/v2/control-planes')).toBe('no path in the specs matches /global/v2/control-planes');
    expect(findOperation('GET', '/mars/v2/control-planes')).toMatch(/unknown host/);
    expect(findOperation('PUT', '/global/v3/users')).toMatch(/method PUT/);
  });

  it('accepts conforming bodies and reports wrong ones', () => {
    expect(validateResponse('GET', `/global/v3/users/${USER.id}`, 200, 'application/json', USER)).toEqual([]);
    expect(validateResponse('GET', `/global/v3/users/${USER.id}`, 200, 'application/json', { ...USER, email: 'nope' })).not.toEqual([]);
    expect(validateResponse('GET', `/global/v3/users/${USER.id}`, 200, 'application/json', { ...USER, active: 'yes' })).not.toEqual([]);
    const team = { id: USER.id, name: 'T', system_team: false, labels: {}, created_at: USER.created_at, updated_at: USER.updated_at };
    expect(validateResponse('GET', `/global/v3/teams/${USER.id}`, 200, 'application/json', team)).toEqual(
      [expect.stringContaining("must have required property 'description'")],
    );
    expect(validateResponse('GET', `/global/v3/teams/${USER.id}`, 200, 'application/json', { ...team, description: null })).toEqual([]);
  });

  it('checks content types and empty bodies', () => {
    expect(validateResponse('POST', '/global/v3/invites', 201, null, undefined)).toEqual([]);
    expect(validateResponse('POST', '/global/v3/invites', 201, 'application/json', { id: 1 })).not.toEqual([]);
    expect(validateResponse('GET', `/global/v3/users/${USER.id}`, 404, 'application/json', PROBLEM)).toEqual([
      expect.stringContaining('content type "application/json" not declared'),
    ]);
    expect(validateResponse('GET', `/global/v3/users/${USER.id}`, 404, 'application/problem+json', PROBLEM)).toEqual([]);
  });

  it('treats undeclared statuses as errors, except the implicit gateway/validation ones', () => {
    expect(validateResponse('GET', '/global/v3/users', 404, 'application/problem+json', PROBLEM)).toEqual([
      'status 404 is not declared for GET /users (identity spec)',
    ]);
    expect(validateResponse('POST', '/global/v3/teams', 200, 'application/json', {})).toEqual(['status 200 is not declared for POST /teams (identity spec)']);
    const unauth = { status: 401, title: 'Unauthenticated', instance: 'konnect:trace:1', detail: 'A valid token is required' };
    expect(validateResponse('GET', '/global/v3/users', 401, 'application/problem+json', unauth)).toEqual([]);
    expect(validateResponse('GET', '/global/v3/users', 429, 'application/json', { message: 'API rate limit exceeded' })).toEqual([]);
    expect(validateResponse('GET', '/global/v3/users', 503, 'application/problem+json', { status: 503 })).not.toEqual([]);
    const bad = { status: 400, title: 'Bad Request', instance: 'konnect:trace:1', detail: '', invalid_parameters: [{ field: 'userID', reason: 'invalid ID format' }] };
    expect(validateResponse('DELETE', '/global/v3/users/x', 400, 'application/problem+json', bad)).toEqual([]);
    expect(validateResponse('DELETE', '/global/v3/users/x', 400, 'application/problem+json', { ...bad, invalid_parameters: [] })).not.toEqual([]);
  });

  it('accepts * as an assigned role entity_id, as Konnect returns it', () => {
    const role = { id: USER.id, role_name: 'Viewer', entity_id: '*', entity_type_name: 'Control Planes', entity_region: '*' };
    expect(validateResponse('GET', `/global/v3/users/${USER.id}/assigned-roles/${USER.id}`, 200, 'application/json', role)).toEqual([]);
    expect(validateResponse('GET', `/global/v3/users/${USER.id}/assigned-roles/${USER.id}`, 200, 'application/json', { ...role, entity_id: 'prod' })).not.toEqual([]);
  });
});

describe('validateRequest', () => {
  it('accepts what orgdeck sends', () => {
    expect(validateRequest('GET', '/global/v3/users?page[size]=100&page[number]=2&filter[email][eq]=a@b.co&filter[active]=true')).toEqual([]);
    expect(validateRequest('GET', '/global/v3/teams', 'filter[labels.env][exists]=true&filter[name][contains]=x')).toEqual([]);
    expect(validateRequest('POST', '/global/v3/invites', undefined, { email: 'a@example.com' })).toEqual([]);
    const role = { role_name: 'Event Gateways Admin', entity_id: '*', entity_type_name: 'Identity', entity_region: 'eu' };
    expect(validateRequest('POST', `/global/v3/teams/${USER.id}/assigned-roles`, undefined, role)).toEqual([]);
    expect(validateRequest('GET', '/us/v2/control-planes', { 'filter[name][eq]': 'prod', 'page[size]': '100' })).toEqual([]);
    expect(validateRequest('GET', '/eu/v2/api-products?filter[name]=payments')).toEqual([]);
    expect(validateRequest('DELETE', `/global/v3/teams/${USER.id}/users/${USER.id}`)).toEqual([]);
  });

  it('reports unknown paths, methods, params, filter ops, bad path ids and bodies', () => {
    expect(validateRequest('GET', '/global/v3/nothing')).toEqual([expect.stringMatching(/no path/)]);
    expect(validateRequest('GET', '/global/v3/users?pagesize=1')).toEqual(['unknown query parameter pagesize (identity spec)']);
    expect(validateRequest('GET', '/global/v3/users?filter[email][neq]=x')).not.toEqual([]);
    expect(validateRequest('GET', '/global/v3/users?filter[active]=maybe')).not.toEqual([]);
    expect(validateRequest('GET', '/global/v3/users?page[size]=ten')).not.toEqual([]);
    expect(validateRequest('GET', '/global/v3/users/not-a-uuid')).not.toEqual([]);
    expect(validateRequest('POST', '/global/v3/invites', undefined, { email: 'nope' })).not.toEqual([]);
    expect(validateRequest('POST', '/global/v3/teams', undefined, { description: 'no name' })).not.toEqual([]);
    expect(validateRequest('POST', `/global/v3/teams/${USER.id}/assigned-roles`, undefined, { entity_region: 'mars' })).not.toEqual([]);
    expect(validateRequest('GET', '/global/v3/users', undefined, { a: 1 })).toEqual(['the operation takes no request body (identity spec)']);
  });

  it('falls back to the SDK spec (paths with /v3) for operations the standalone specs lack', () => {
    expect(validateRequest('GET', '/us/v1/catalog-services?page[size]=10')).toEqual([]);
    expect(findOperation('GET', '/global/v1/catalog-services')).toEqual(expect.stringMatching(/^(method GET|no path)/));
    expect(validateRequest('GET', `/global/v3/users/${USER.id}/access-tokens`)).toEqual([]);
  });
});
