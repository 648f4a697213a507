/** Builders for local-org tests: a small seed, and a started org that stops after each test. */
import { afterEach } from 'vitest';
import { type LocalOrg, type LocalOrgOptions, type SeedDocument, startLocalOrg } from '../../src/local-org/index.js';
import { ContractClient } from './contract.js';

export const CP_PROD_US = '5a1d1a56-4d4f-4c38-9f62-1b0d1a1e0001';

/** Two control planes, an API product, two custom teams, three users (one pending). */
export function sampleSeed(overrides: Partial<SeedDocument> = {}): SeedDocument {
  return {
    _format_version: '1.0',
    _info: { defaults: { region: 'us' } },
    control_planes: [
      { name: 'prod', region: 'us', id: CP_PROD_US },
      { name: 'prod', region: 'eu' },
    ],
    api_products: [{ name: 'payments', region: 'eu' }],
    teams: [
      { name: 'Platform', description: 'Platform team', labels: { env: 'prod', owner: 'core' }, roles: [{ role: 'Admin', entity_type: 'Control Planes', entity: 'prod' }] },
      { name: 'Payments', roles: [{ role: 'Viewer', entity_type: 'Services', entity: 'payments', region: 'eu' }] },
    ],
    users: [
      { email: 'ana@example.com', full_name: 'Ana Lima', preferred_name: 'Ana', teams: ['Platform', 'Analytics Viewer'], roles: [{ role: 'Viewer', entity_type: 'Runtime Groups', entity: '*', region: '*' }] },
      { email: 'bo@example.com', full_name: 'Bo Chen', teams: ['Payments'] },
      { email: 'cy@example.com', status: 'pending', teams: ['Platform'] },
    ],
    ...overrides,
  };
}

const started: LocalOrg[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((org) => org.stop()));
});

/** Starts an org (stopped automatically after the test) and a contract-checking client for it. */
export async function startOrg(opts: LocalOrgOptions = {}): Promise<{ org: LocalOrg; api: ContractClient }> {
  const org = await startLocalOrg(opts);
  started.push(org);
  return { org, api: new ContractClient(org) };
}

export async function userIdByEmail(api: ContractClient, email: string): Promise<string> {
  const res = await api.get(`/global/v3/users?filter[email][eq]=${encodeURIComponent(email)}`);
  const id = res.body.data[0]?.id;
  if (!id) throw new Error(`no user ${email}`);
  return id;
}

export async function teamIdByName(api: ContractClient, name: string): Promise<string> {
  const res = await api.get(`/global/v3/teams?filter[name][eq]=${encodeURIComponent(name)}&page[size]=100`);
  const id = res.body.data[0]?.id;
  if (!id) throw new Error(`no team ${name}`);
  return id;
}
