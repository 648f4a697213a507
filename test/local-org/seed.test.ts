import { describe, expect, it } from 'vitest';
import { buildOrgFromSeed } from '../../src/local-org/seed.js';
import type { SeedDocument } from '../../src/local-org/index.js';
import type { OrgData, OrgEnv } from '../../src/local-org/types.js';
import { CP_PROD_US, sampleSeed } from '../support/local-org.js';

function env(): OrgEnv {
  let n = 0;
  return {
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  };
}

const build = (seed?: SeedDocument, owner = 'owner@example.com') => buildOrgFromSeed(seed, { env: env(), owner });

function rolesOf(data: OrgData, email: string) {
  const user = data.users.find((u) => u.email === email)!;
  return data.assigned_roles.filter((r) => r.principal_id === user.id).map(({ role_name, entity_id, entity_type_name, entity_region }) => ({ role_name, entity_id, entity_type_name, entity_region }));
}

describe('buildOrgFromSeed', () => {
  it('without a seed: the owner in Organization Admin and the predefined teams', () => {
    const data = build(undefined, 'boss@example.com');
    expect(data.users).toEqual([expect.objectContaining({ email: 'boss@example.com', active: true })]);
    expect(data.organization.owner_id).toBe(data.users[0]!.id);
    expect(data.teams.filter((t) => t.system_team)).toHaveLength(8);
    const admin = data.teams.find((t) => t.name === 'Organization Admin')!;
    expect(data.team_users).toEqual([{ team_id: admin.id, user_id: data.users[0]!.id }]);
    expect(data.users[0]!.created_at).toBe('2026-01-02T03:04:05.000Z');
  });

  it('keeps the owner as the seed lists them (no implicit Organization Admin)', () => {
    const data = build({ users: [{ email: 'Owner@Example.com', full_name: 'O', status: 'pending', teams: ['Portal Admin'] }] });
    expect(data.users).toHaveLength(1);
    expect(data.users[0]).toMatchObject({ email: 'Owner@Example.com', active: true, full_name: 'O' });
    const portal = data.teams.find((t) => t.name === 'Portal Admin')!;
    expect(data.team_users).toEqual([{ team_id: portal.id, user_id: data.users[0]!.id }]);
  });

  it('pending users are inactive and carry no names even if the seed gives some', () => {
    const data = build({ users: [{ email: 'p@example.com', status: 'pending', full_name: 'P', preferred_name: 'p' }] });
    const user = data.users.find((u) => u.email === 'p@example.com')!;
    expect(user.active).toBe(false);
    expect(user).not.toHaveProperty('full_name');
    expect(user).not.toHaveProperty('preferred_name');
  });

  it('resolves grants: aliases, names per region, UUIDs, * and default region', () => {
    const data = build(sampleSeed());
    expect(rolesOf(data, 'ana@example.com')).toEqual([
      { role_name: 'Viewer', entity_id: '*', entity_type_name: 'Control Planes', entity_region: '*' },
    ]);
    const platform = data.teams.find((t) => t.name === 'Platform')!;
    const payments = data.teams.find((t) => t.name === 'Payments')!;
    const euProduct = data.api_products.find((p) => p.name === 'payments')!;
    const teamRoles = (id: string) => data.assigned_roles.filter((r) => r.principal_id === id);
    expect(teamRoles(platform.id)).toEqual([expect.objectContaining({ role_name: 'Admin', entity_id: CP_PROD_US, entity_region: 'us', entity_type_name: 'Control Planes' })]);
    expect(teamRoles(payments.id)).toEqual([expect.objectContaining({ entity_id: euProduct.id, entity_type_name: 'API Products', entity_region: 'eu' })]);
  });

  it('without a default region a name resolves to the region it exists in', () => {
    const seed: SeedDocument = {
      control_planes: [{ name: 'edge', region: 'sg' }, { name: 'twin', region: 'us' }, { name: 'twin', region: 'eu' }],
      users: [{
        email: 'a@example.com',
        roles: [
          { role: 'Viewer', entity_type: 'Control Planes', entity: 'edge' },
          { role: 'Viewer', entity_type: 'Control Planes', entity: 'twin', region: 'eu' },
          { role: 'Admin', entity_type: 'Audit Logs', entity: '*' },
          { role: 'Viewer', entity_type: 'Control Planes', entity: CP_PROD_US, region: 'au' },
        ],
      }],
    };
    const data = build(seed);
    const edge = data.control_planes.find((c) => c.name === 'edge')!;
    const twinEu = data.control_planes.find((c) => c.name === 'twin' && c.region === 'eu')!;
    expect(rolesOf(data, 'a@example.com')).toEqual([
      { role_name: 'Viewer', entity_id: edge.id, entity_type_name: 'Control Planes', entity_region: 'sg' },
      { role_name: 'Viewer', entity_id: twinEu.id, entity_type_name: 'Control Planes', entity_region: 'eu' },
      { role_name: 'Admin', entity_id: '*', entity_type_name: 'Audit Logs', entity_region: '*' },
      { role_name: 'Viewer', entity_id: CP_PROD_US, entity_type_name: 'Control Planes', entity_region: 'au' },
    ]);
  });

  it('reports every problem at once', () => {
    const seed: SeedDocument = {
      _info: { defaults: { region: 'mars' } },
      control_planes: [{ name: 'twin', region: 'us' }, { name: 'twin', region: 'eu' }, { name: 'bad', region: 'xx', id: 'nope' }],
      teams: [{ name: 'T', labels: { kong: 'x' }, roles: [{ role: 'Overlord', entity_type: 'Control Planes', entity: '*' }] }],
      users: [
        { email: 'a@example.com', teams: ['Missing'], roles: [{ role: 'Viewer', entity_type: 'Control Planes', entity: 'twin' }] },
        { email: 'A@example.com' },
        { email: 'b@example.com', roles: [{ role: 'Admin', entity_type: 'Portals', entity: 'my-portal' }, { role: 'Viewer', entity_type: 'Control Planes', entity: 'ghost', region: 'us' }] },
      ],
    };
    let message = '';
    try {
      build(seed);
    } catch (err) {
      message = (err as Error).message;
    }
    for (const part of [
      'unknown region mars', 'unknown region xx', 'id nope is not a UUID', 'labels.kong', 'role_name is not a role of Control Planes',
      'no team named Missing', '2 Control Planes are named twin', 'listed twice', 'names of Portals cannot be resolved',
      'no Control Planes named ghost in region us',
    ]) {
      expect(message).toContain(part);
    }
  });
});
