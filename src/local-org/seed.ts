/**
 * Builds the initial organization from a seed: orgdeck's state file plus seed-only lists of
 * control planes and API products. Every problem is collected and reported at once.
 */
import { ORG_ADMIN_TEAM, PREDEFINED_TEAMS, REGIONS, type Region } from '../model.js';
import type { SeedDocument, SeedEntity, SeedGrant, SeedIdentityProvider } from './seed-document.js';
import { isUuid, resolveGrant } from './seed-grants.js';
import { checkLabels } from './store/labels.js';
import { assignRole } from './store/roles.js';
import { ORG_DATA_VERSION, type EntityRecord, type OrgData, type OrgEnv, type PrincipalKind, timestamp } from './types.js';
import { UsageError } from '../errors.js';

export interface SeedContext {
  env: OrgEnv;
  owner: string;
}

export function buildOrgFromSeed(seed: SeedDocument | undefined, ctx: SeedContext): OrgData {
  const { env } = ctx;
  const problems: string[] = [];
  const now = timestamp(env);
  const data: OrgData = {
    version: ORG_DATA_VERSION,
    organization: { id: env.newId(), name: 'Local Org', owner_id: '', login_path: 'local-org', created_at: now, updated_at: now },
    auth_settings: {
      basic_auth_enabled: true,
      oidc_auth_enabled: false,
      saml_auth_enabled: false,
      idp_mapping_enabled: false,
      konnect_mapping_enabled: true,
      ...seed?.authentication_settings,
    },
    users: [],
    ...(seed?.role_catalogue === 'spec' ? { role_catalogue: 'spec' as const } : {}),
    teams: (seed?.predefined_teams ?? PREDEFINED_TEAMS).map((name) => ({
      id: env.newId(), name, description: null, system_team: true, labels: {}, created_at: now, updated_at: now,
    })),
    team_users: [],
    system_accounts: [],
    team_system_accounts: [],
    assigned_roles: [],
    identity_providers: (seed?.identity_providers ?? []).map((p) => ({
      id: p.id ?? env.newId(), type: p.type, enabled: p.enabled ?? false, login_path: p.login_path ?? `local-org-${p.type}`, config: seedProviderConfig(p), created_at: now, updated_at: now,
    })),
    team_group_mappings: [],
    control_planes: seedEntities(seed?.control_planes, 'control_planes', env, problems),
    api_products: seedEntities(seed?.api_products, 'api_products', env, problems),
  };
  const rawRegion = seed?._info?.defaults?.region;
  const defaultRegion = REGIONS.includes(rawRegion as Region) ? (rawRegion as Region) : undefined;
  if (rawRegion !== undefined && !defaultRegion) problems.push(`_info.defaults.region: unknown region ${rawRegion}`);

  const grant = (kind: PrincipalKind, id: string, grants: SeedGrant[] | undefined, where: string) => {
    for (const g of grants ?? []) {
      const input = resolveGrant(g, data, defaultRegion, where, problems);
      if (!input) continue;
      try {
        assignRole(data, env, kind, id, input);
      } catch {
        problems.push(`${where}: role ${g.role} on ${g.entity_type} ${g.entity} is listed twice`);
      }
    }
  };
  // Teams by name, for the users below (the teams are all seeded by then): a team's name can
  // change later, so this is not one of the store's indexes.
  let byName: Map<string, typeof data.teams> | undefined;
  const teamsNamed = (name: string) => {
    if (!byName) {
      byName = new Map();
      for (const t of data.teams) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
    }
    return byName.get(name) ?? [];
  };
  const teamIdByName = (name: string, where: string): string | undefined => {
    const found = teamsNamed(name);
    if (found.length !== 1) problems.push(`${where}: ${found.length === 0 ? 'no' : 'more than one'} team named ${name}`);
    return found.length === 1 ? found[0]!.id : undefined;
  };

  for (const [i, t] of (seed?.teams ?? []).entries()) {
    const where = `teams[${i}] ${t.name}`;
    let team = data.teams.find((x) => x.system_team && x.name === t.name);
    if (!team) {
      for (const p of checkLabels(t.labels ?? {})) problems.push(`${where}: ${p.field} ${p.reason}`);
      team = {
        id: env.newId(),
        name: t.name,
        description: t.description ?? null,
        system_team: false,
        labels: { ...(t.labels ?? {}) },
        created_at: now,
        updated_at: now,
      };
      data.teams.push(team);
    }
    grant('team', team.id, t.roles, where);
    for (const group of new Set(t.idp_groups ?? [])) {
      const idp = seedProvider(data, seed?._info?.identity_provider);
      if (!idp) problems.push(`${where}: idp_groups needs an identity provider; add one under identity_providers`);
      else data.team_group_mappings.push({ id: env.newId(), idp_id: idp, team_id: team.id, group, created_at: now, updated_at: now });
    }
  }

  const users = [...(seed?.users ?? [])];
  if (!users.some((u) => u.email.toLowerCase() === ctx.owner.toLowerCase())) {
    users.unshift({ email: ctx.owner, full_name: 'Organization Owner', teams: [ORG_ADMIN_TEAM] });
  }
  const seen = new Set<string>();
  for (const [i, u] of users.entries()) {
    const where = `users ${u.email}`;
    if (seen.has(u.email.toLowerCase())) problems.push(`${where}: listed twice`);
    seen.add(u.email.toLowerCase());
    const isOwner = u.email.toLowerCase() === ctx.owner.toLowerCase();
    // A pending user is invited-not-accepted: no names yet. The owner is always active.
    const active = isOwner || u.status !== 'pending';
    const id = env.newId();
    const invited = !active && u.invited_at !== undefined ? Date.parse(u.invited_at) : Number.NaN;
    if (u.invited_at !== undefined && Number.isNaN(Date.parse(u.invited_at))) problems.push(`${where}: invited_at ${u.invited_at} is not a date and time`);
    const invitedAt = Number.isNaN(invited) ? now : new Date(invited).toISOString();
    data.users.push({
      id, email: u.email, active, created_at: invitedAt, updated_at: invitedAt,
      ...(active && u.full_name !== undefined ? { full_name: u.full_name } : {}),
      ...(active && u.preferred_name !== undefined ? { preferred_name: u.preferred_name } : {}),
    });
    if (isOwner) data.organization.owner_id = id;
    for (const name of new Set(u.teams ?? [])) {
      const teamId = teamIdByName(name, `users[${i}] ${u.email}`);
      if (teamId) data.team_users.push({ team_id: teamId, user_id: id });
    }
    grant('user', id, u.roles, where);
  }

  for (const a of seed?.system_accounts ?? []) {
    const where = `system_accounts ${a.name}`;
    if (data.system_accounts.some((x) => x.name === a.name)) problems.push(`${where}: listed twice`);
    const id = env.newId();
    data.system_accounts.push({
      id,
      name: a.name,
      description: a.description ?? '',
      konnect_managed: a.konnect_managed ?? false,
      created_at: now,
      updated_at: now,
    });
    for (const name of new Set(a.teams ?? [])) {
      const teamId = teamIdByName(name, where);
      if (teamId) data.team_system_accounts.push({ team_id: teamId, account_id: id });
    }
    grant('system_account', id, a.roles, where);
  }

  if (problems.length > 0) throw new UsageError(`The seed does not describe a possible organization:\n  ${problems.join('\n  ')}`);
  return data;
}

/** A plausible config of each type, shaped as the spec's OIDC and SAML examples. */
function seedProviderConfig(p: SeedIdentityProvider): Record<string, unknown> {
  const path = p.login_path ?? `local-org-${p.type}`;
  if (p.type === 'oidc') return { issuer_url: 'https://idp.example.com/oauth2/default', client_id: 'local-org', scopes: ['openid', 'email', 'profile'], claim_mappings: { name: 'name', email: 'email', groups: 'groups' } };
  return {
    idp_metadata_url: 'https://idp.example.com/saml/metadata',
    sp_entity_id: `https://cloud.konghq.com/sp/${path}`,
    sp_metadata_url: `https://cloud.konghq.com/v2/authenticate/${path}/saml/metadata`,
    login_url: `https://cloud.konghq.com/login/${path}`,
    callback_url: `https://cloud.konghq.com/v2/authenticate/${path}/saml/acs`,
  };
}

function seedProvider(data: OrgData, wanted: unknown): string | undefined {
  const all = data.identity_providers;
  const named = typeof wanted === 'string' ? all.find((p) => p.id === wanted || p.login_path === wanted) : undefined;
  return (named ?? all.find((p) => p.enabled) ?? all[0])?.id;
}

function seedEntities(list: SeedEntity[] | undefined, key: string, env: OrgEnv, problems: string[]): EntityRecord[] {
  const now = timestamp(env);
  const out: EntityRecord[] = [];
  for (const [i, e] of (list ?? []).entries()) {
    const where = `${key}[${i}] ${e.name}`;
    if (!REGIONS.includes(e.region as Region)) problems.push(`${where}: unknown region ${e.region}`);
    if (e.id !== undefined && !isUuid(e.id)) problems.push(`${where}: id ${e.id} is not a UUID`);
    if (out.some((x) => x.name === e.name && x.region === e.region)) problems.push(`${where}: name already used in region ${e.region}`);
    out.push({
      id: e.id ?? env.newId(), name: e.name, region: e.region as Region, description: e.description ?? '',
      labels: { ...(e.labels ?? {}) }, created_at: now, updated_at: now,
    });
  }
  return out;
}
