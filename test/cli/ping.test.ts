/**
 * `orgdeck ping` end to end against the local org: the address and each host it reaches, whose
 * token it is, the organization, identity rights, the rate-limit headers; exit 1 with one
 * sentence per problem (a refused token, an unreachable host, missing rights).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '../support/closed-port.js';
import { runCli } from '../support/io.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

const ADMIN_OWNER = '_format_version: "1.0"\nusers:\n  - email: owner@example.com\n    teams: [Organization Admin]\n';
const SPAT = 'spat_PINGtoken_do_not_print_0123456789abcdef';
const accountOrg = (teams: string) => `_format_version: "1.0"
teams: [{ name: Identity Admins, roles: [{ role: Admin, entity_type: Identity, entity: "*", region: "*" }] }]
users: [{ email: owner@example.com, teams: [Organization Admin] }]
system_accounts: [{ name: ci-admin, teams: ${teams} }]
`;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** The local org, except that the `us` region's host drops every connection and `eu` refuses the token's rights (403). */
async function orgWithoutUs(baseUrl: string): Promise<string> {
  const port = await listen(
    createServer(async (req, res) => {
      if (req.url?.startsWith('/us/')) return req.socket.destroy();
      if (req.url?.startsWith('/eu/')) {
        res.writeHead(403, { 'content-type': 'application/problem+json' });
        return res.end(JSON.stringify({ status: 403, title: 'Forbidden', detail: 'no control planes for you', instance: 'konnect:trace:7' }));
      }
      const answer = await fetch(baseUrl + req.url, { headers: { authorization: req.headers.authorization ?? '' } });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(await answer.text());
    }),
  );
  return `http://127.0.0.1:${port}/{region}`;
}

describe('orgdeck ping', () => {
  it("with a user's token: the hosts reached, the user, the organization, the rights and the rate limit (exit 0)", async () => {
    const { org, env } = await seededOrg(ADMIN_OWNER, { rateLimit: 1000 });
    const r = await runCli(['ping', '--region', 'us', '--region', 'eu'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const id = org.snapshot().organization.id;
    expect(r.stdout).toContain(`Address template: ${org.addr}\n`);
    expect(r.stdout).toMatch(new RegExp(`^  global  ${org.baseUrl}/global  answered in \\d+ ms$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^  us      ${org.baseUrl}/us  answered in \\d+ ms$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^  eu      ${org.baseUrl}/eu  answered in \\d+ ms$`, 'm'));
    expect(r.stdout).toContain(`Organization: Local Org (${id})\n`);
    expect(r.stdout).toMatch(/^Token of: user owner@example\.com \([0-9a-f-]{36}\)$/m);
    expect(r.stdout).toContain('Identity: may manage identity (a member of Organization Admin)\n');
    expect(r.stdout).toMatch(/^Rate limit: ratelimit-limit: 1000, ratelimit-remaining: \d+, ratelimit-reset: \d+, x-ratelimit-limit-minute: 1000, x-ratelimit-remaining-minute: \d+$/m);
    expect(r.stdout).toMatch(/All is well\.\n$/);
    // A few requests: org, me, the user's teams and grants, the team list, one per region.
    expect(org.requestLog().length).toBeLessThanOrEqual(7);
  });

  it("with a system account's token named by KONNECT_SYSTEM_ACCOUNT: the account and its rights through a team (exit 0)", async () => {
    const { env } = await seededOrg(accountOrg('[Identity Admins]'), { systemAccount: 'ci-admin', token: SPAT });
    const r = await runCli(['ping'], { env: { ...env, KONNECT_TOKEN: SPAT, KONNECT_SYSTEM_ACCOUNT: 'ci-admin' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Token of: system account "ci-admin" \([0-9a-f-]{36}\): GET \/v3\/users\/me answered 401, so the token is not a user's; --konnect-system-account names its account$/m);
    expect(r.stdout).toContain('Identity: may manage identity (holds the Identity Admin role through team Identity Admins)\n');
    expect(r.stdout + r.stderr).not.toContain(SPAT);
  });

  it("with a system account's token and no name: cannot tell whose it is, says how to name it (exit 1)", async () => {
    const { env } = await seededOrg(accountOrg('[Organization Admin]'), { systemAccount: 'ci-admin', token: SPAT });
    const r = await runCli(['ping'], { env: { ...env, KONNECT_TOKEN: SPAT } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Problem: orgdeck cannot tell which system account the token belongs to (GET /v3/users/me answered 401, so the token is not a user's (a system-account token?), and no --konnect-system-account NAME says which account it is), so it cannot check its rights. Name the account with --konnect-system-account NAME (or KONNECT_SYSTEM_ACCOUNT).\n");
  });

  it('a user who may not manage identity: one sentence with the way out (exit 1)', async () => {
    const { env } = await seededOrg('_format_version: "1.0"\nusers:\n  - email: owner@example.com\n    teams: [Portal Admin]\n');
    const r = await runCli(['ping'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Identity: may NOT manage identity (it is not in Organization Admin and holds no Identity Admin role, directly or through its 1 team)\n');
    expect(r.stderr).toBe('Problem: The user owner@example.com may not manage identity: it is not in Organization Admin and holds no Identity Admin role, directly or through its 1 team. Add it to Organization Admin or give it the Identity Admin role; sync cannot change users, teams or roles without one of them.\n');
  });

  it('a refused token (401): one sentence naming where the token came from, never the token (exit 1)', async () => {
    const { org, env } = await seededOrg(ADMIN_OWNER);
    const wrong = 'kpat_WRONGtoken_do_not_print_0123456789';
    const r = await runCli(['ping', '--region', 'us'], { env: { ...env, KONNECT_TOKEN: wrong } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}us +\S+ {2}answered in \d+ ms \(401\)$/m);
    expect(r.stderr).toMatch(/^Problem: GET \/v3\/organizations\/me failed: 401 Unauthenticated: A valid token is required \(konnect:trace:\d+\)\. The token from KONNECT_TOKEN was refused: check it is a personal access token kpat_… or system account token spat_… that has not expired\.\n$/);
    expect(r.stdout + r.stderr).not.toContain(wrong);
    // Refused at once: nothing more is asked with a token Konnect does not take.
    expect(org.requestLog().length).toBe(2);
  });

  it('an unreachable region: the host and the template it came from, the kind of failure; a region answering 403 is reached (exit 1)', async () => {
    const { env, org } = await seededOrg(ADMIN_OWNER);
    const addr = await orgWithoutUs(org.baseUrl);
    const r = await runCli(['ping', '--region', 'us', '--region', 'eu'], { env: { ...env, KONNECT_ADDR: addr } });
    expect(r.code).toBe(1);
    const host = addr.replace('http://', '').replace('/{region}', '');
    expect(r.stdout).toMatch(/^ {2}us +\S+\/us {2}unreachable$/m);
    expect(r.stdout).toMatch(/^ {2}eu +\S+\/eu {2}answered in \d+ ms \(403\)$/m);
    expect(r.stdout).toContain('Identity: may manage identity');
    expect(r.stderr).toBe(`Problem: GET /v2/control-planes failed: the connection was reset. Check the network and the Konnect address. It went to ${host} (region us of the address template ${addr}).\n`);
  });

  it('a closed port and a name that does not resolve: a refused connection and a DNS failure, each with its host (exit 1)', async () => {
    const port = await closedPort();
    const refused = await runCli(['ping'], { env: { KONNECT_TOKEN: TEST_TOKEN, KONNECT_ADDR: `http://127.0.0.1:${port}/{region}` } });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^ {2}global {2}\S+ {2}unreachable$/m);
    expect(refused.stderr).toBe(`Problem: GET /v3/organizations/me failed: the connection was refused. Check the network and the Konnect address. It went to 127.0.0.1:${port} (region global of the address template http://127.0.0.1:${port}/{region}).\n`);
    const dns = await runCli(['ping'], { env: { KONNECT_TOKEN: TEST_TOKEN, KONNECT_ADDR: 'https://{region}.nonexistent.invalid' } });
    expect(dns.code).toBe(1);
    expect(dns.stderr).toMatch(/^Problem: GET \/v3\/organizations\/me failed: the host name did not resolve \(a DNS failure, (ENOTFOUND|EAI_AGAIN)\)\. Check the network and the Konnect address\. It went to global\.nonexistent\.invalid \(region global of the address template https:\/\/\{region\}\.nonexistent\.invalid\)\.\n$/);
  });

  it('refuses a region it does not know, before any request', async () => {
    const r = await runCli(['ping', '--region', 'mars'], { env: { KONNECT_TOKEN: TEST_TOKEN, KONNECT_ADDR: 'https://{region}.nonexistent.invalid' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: option '--region <region>' argument 'mars' is invalid. Konnect's regions are us, eu, au, me, in, sg.");
  });
});
