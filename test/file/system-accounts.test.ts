/** system_accounts in the state file: managed only with the key, normalized like users. */
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';

const load = (text: string) => loadDesiredState([sourceFromText('a.yaml', text)], {});

describe('system_accounts in the state file', () => {
  it('without the key, system accounts are not managed at all', () => {
    const r = load('_format_version: "1.0"\nusers: [{ email: a@example.com }]\n');
    expect(r.problems).toEqual([]);
    expect(r.state?.systemAccounts).toBeUndefined();
    expect(r.state?.info.unlistedSystemAccounts).toBeUndefined();
  });

  it('with the key, unlisted accounts are removed by default; an empty list manages them too', () => {
    const r = load('_format_version: "1.0"\nsystem_accounts: []\n');
    expect(r.state?.systemAccounts).toEqual([]);
    expect(r.state?.info.unlistedSystemAccounts).toBe('remove');
  });

  it('normalizes teams, grants (default region applied) and the informational konnect_managed', () => {
    const r = load(`_format_version: "1.0"
_info: { defaults: { region: eu }, unlisted_system_accounts: ignore }
teams: [{ name: Deployers }]
system_accounts:
  - name: ci-deployer
    description: Deploys from CI
    teams: [Deployers, Organization Admin]
    roles:
      - { role: Deployer, entity_type: Runtime Groups, entity: prod }
  - name: mesh-zone
    konnect_managed: true
`);
    expect(r.problems).toEqual([]);
    expect(r.state?.info.unlistedSystemAccounts).toBe('ignore');
    expect(r.state?.systemAccounts?.map(({ roles, ...a }) => ({ ...a, roles: roles.map(({ at, ...g }) => g) }))).toEqual([
      { name: 'ci-deployer', description: 'Deploys from CI', teams: ['Deployers', 'Organization Admin'], roles: [{ role: 'Deployer', entityType: 'Control Planes', entity: 'prod', region: 'eu' }] },
      { name: 'mesh-zone', konnectManaged: true, teams: [], roles: [] },
    ]);
  });

  it('merges accounts from several files and catches a name listed in two of them', () => {
    const r = loadDesiredState([
      sourceFromText('a.yaml', '_format_version: "1.0"\nsystem_accounts: [{ name: bot, description: one }]\n'),
      sourceFromText('b.yaml', '_format_version: "1.0"\nsystem_accounts: [{ name: bot, description: two }]\n'),
    ], {});
    expect(r.problems.map((p) => `${p.file}:${p.line}  ${p.message}`)).toEqual([
      'b.yaml:2  System account "bot" is listed twice: here and at a.yaml:2:27. Keep one.',
    ]);
  });
});
