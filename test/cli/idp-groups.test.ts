import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

const OWNER = 'users: [{ email: owner@example.com, teams: [Organization Admin] }]\n';
const IDP_A = '5b1a7c1e-0d6a-4a52-9a43-aaaaaaaaaaaa';

describe('teams[].idp_groups', () => {
  it('reads every page of mappings (cursor pagination past 100) before comparing', async () => {
    const groups = Array.from({ length: 130 }, (_, i) => `group-${String(i).padStart(3, '0')}`);
    const seed = `_format_version: "1.0"\nidentity_providers: [{ type: oidc, id: ${IDP_A} }]\nteams: [{ name: Platform, idp_groups: ${JSON.stringify(groups)} }]\n${OWNER}`;
    const { org, env } = await seededOrg(seed);
    const same = file(`_format_version: "1.0"\nteams: [{ name: Platform, idp_groups: ${JSON.stringify(groups)} }]\n${OWNER}`);
    const r = await runCli(['diff', '--non-zero-exit-code', same], { env });
    expect(r.stdout + r.stderr).toContain('No changes');
    expect(r.code).toBe(0);
    const pages = org.requestLog().filter((e) => e.method === 'GET' && e.path.split('?')[0]!.endsWith('/team-group-mappings'));
    expect(pages.length).toBe(2);
  });

  it('with no identity provider configured, says so in a note and fails nothing', async () => {
    const { env } = await seededOrg(`_format_version: "1.0"\n${OWNER}`);
    const f = file(`_format_version: "1.0"\nteams: [{ name: Platform, idp_groups: [Tech Leads, Ops] }]\n${OWNER}`);
    const r = await runCli(['sync', '--yes', f], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('note: The file maps 2 IdP groups to teams (idp_groups), but the organization has no identity provider configured');
    expect(r.stdout).toContain('create team Platform: done');
  });

  it('with several providers, asks for _info.identity_provider (and names the choices); an unknown name is refused', async () => {
    const seed = `_format_version: "1.0"\nidentity_providers: [{ type: oidc, login_path: acme-oidc }, { type: saml, login_path: acme-saml, enabled: true }]\n${OWNER}`;
    const { env } = await seededOrg(seed);
    const r = await runCli(['diff', file(`_format_version: "1.0"\nteams: [{ name: Platform, idp_groups: [Ops] }]\n${OWNER}`)], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The organization has 2 identity providers (oidc "acme-oidc"');
    expect(r.stderr).toContain('with _info.identity_provider (its id or login_path)');
    const wrong = await runCli(['diff', file(`_format_version: "1.0"\n_info: { identity_provider: nope }\nteams: [{ name: Platform, idp_groups: [Ops] }]\n${OWNER}`)], { env });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('_info.identity_provider is "nope"');
    const named = await runCli(['diff', file(`_format_version: "1.0"\n_info: { identity_provider: acme-oidc }\nteams: [{ name: Platform, idp_groups: [Ops] }]\n${OWNER}`)], { env });
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toContain('map IdP group "Ops" to team Platform');
  });

  it('dump: with several providers, the enabled one and _info.identity_provider; with none enabled, a warning and no idp_groups', async () => {
    const two = (enabled: string) => `_format_version: "1.0"\nidentity_providers: [{ type: oidc, login_path: acme-oidc${enabled === 'oidc' ? ', enabled: true' : ''} }, { type: saml, login_path: acme-saml }]\n_info: { identity_provider: acme-oidc }\nteams: [{ name: Platform, idp_groups: [Ops] }]\n${OWNER}`;
    const { env } = await seededOrg(two('oidc'));
    const dump = await runCli(['dump'], { env });
    expect(dump.stdout).toContain('_info:\n  identity_provider: acme-oidc\n');
    expect(dump.stdout).toContain('    idp_groups:\n      - Ops\n');
    const off = await seededOrg(two('none'));
    const blind = await runCli(['dump'], { env: off.env });
    expect(blind.code).toBe(0);
    expect(blind.stderr).toContain('Warning: the dump leaves idp_groups out: The organization has 2 identity providers');
    expect(blind.stdout).not.toContain('idp_groups');
  });

  it('a file without idp_groups reads no identity provider', async () => {
    const { org, env } = await seededOrg(`_format_version: "1.0"\nidentity_providers: [{ type: oidc, id: ${IDP_A} }]\nteams: [{ name: Platform, idp_groups: [Ops] }]\n${OWNER}`);
    const r = await runCli(['sync', '--yes', file(`_format_version: "1.0"\nteams: [{ name: Platform }]\n${OWNER}`)], { env });
    expect(r.code).toBe(0);
    expect(org.requestLog().some((e) => e.path.includes('identity-provider'))).toBe(false);
    expect(org.snapshot().team_group_mappings.map((m) => m.group)).toEqual(['Ops']);
  });
});
