/** Records → Konnect wire shapes (Identity v3, Control Planes v2, API Products v2). */
import { inSpec, ROLE_CATALOGUE } from '../../catalogue/roles.js';
import type { AssignedRoleRecord, EntityRecord, IdentityProviderRecord, OrgData, SystemAccountRecord, TeamGroupMappingRecord, TeamRecord, UserRecord } from '../types.js';

/** Pending users carry no names: the fields are left out, as an invite holds only an email. */
export function renderUser(u: UserRecord): Record<string, unknown> {
  return {
    id: u.id,
    email: u.email,
    ...(u.full_name !== undefined ? { full_name: u.full_name } : {}),
    ...(u.preferred_name !== undefined ? { preferred_name: u.preferred_name } : {}),
    active: u.active,
    created_at: u.created_at,
    updated_at: u.updated_at,
  };
}

export function renderTeam(t: TeamRecord): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    system_team: t.system_team,
    labels: { ...t.labels },
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}

export function renderRole(r: AssignedRoleRecord): Record<string, unknown> {
  return {
    id: r.id,
    role_name: r.role_name,
    entity_id: r.entity_id,
    entity_type_name: r.entity_type_name,
    entity_region: r.entity_region,
  };
}

export function renderSystemAccount(a: SystemAccountRecord): Record<string, unknown> {
  return { ...a };
}

export function renderControlPlane(e: EntityRecord): Record<string, unknown> {
  const host = e.id.slice(0, 10);
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    labels: { ...e.labels },
    config: {
      control_plane_endpoint: `https://${host}.${e.region}.cp.konghq.com`,
      telemetry_endpoint: `https://${host}.${e.region}.tp.konghq.com`,
      cluster_type: 'CLUSTER_TYPE_CONTROL_PLANE',
      auth_type: 'pinned_client_certs',
      cloud_gateway: false,
      proxy_urls: [],
    },
    created_at: e.created_at,
    updated_at: e.updated_at,
  };
}

export function renderApiProduct(e: EntityRecord): Record<string, unknown> {
  return {
    id: e.id,
    name: e.name,
    description: e.description === '' ? null : e.description,
    portal_ids: [],
    portals: [],
    version_count: 0,
    created_at: e.created_at,
    updated_at: e.updated_at,
    labels: { ...e.labels },
    public_labels: {},
  };
}

/**
 * `GET /v3/roles`: `{ <group key>: { name, roles: { <role key>: { name, description } } } }`;
 * `spec` lists only the groups Kong's spec lists, as an organization built from the spec would.
 */
export function renderCatalogue(which: 'documented' | 'spec' = 'documented'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const group of ROLE_CATALOGUE.filter((g) => which === 'documented' || g.fromSpec)) {
    const roles: Record<string, { name: string; description: string }> = {};
    for (const role of group.roles.filter((r) => which === 'documented' || inSpec(group, r))) roles[role.key] = { name: role.name, description: role.description };
    out[group.key] = { name: group.title, roles };
  }
  return out;
}

export function renderOrganization(data: OrgData): Record<string, unknown> {
  return { ...data.organization, state: 'active', retention_period_days: 90 };
}

/** client_secret is write-only in the spec: never rendered. */
export function renderProvider(p: IdentityProviderRecord): Record<string, unknown> {
  const { client_secret: _secret, ...config } = p.config;
  return { id: p.id, type: p.type, enabled: p.enabled, login_path: p.login_path, config, created_at: p.created_at, updated_at: p.updated_at };
}

export function renderMapping(m: TeamGroupMappingRecord): Record<string, unknown> {
  return { id: m.id, team_id: m.team_id, group: m.group, created_at: m.created_at, updated_at: m.updated_at };
}
