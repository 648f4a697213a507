/** HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case) route Konnect requests, tested with a proxy on 127.0.0.1. */
import { describe, expect, it } from 'vitest';
import { startHttpProxy } from '../support/http-proxy.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const SEED = '_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n  - { email: bo@example.com, full_name: Bo }\n';

async function dumpThrough(proxyEnv: (proxyUrl: string, orgHost: string) => Record<string, string>) {
  const proxy = await startHttpProxy();
  const { org, env } = await seededOrg(SEED);
  const orgHost = new URL(org.baseUrl).host;
  const r = await runCli(['dump'], { env: { ...env, ...proxyEnv(proxy.url, orgHost) } });
  return { r, proxy, orgHost, org };
}

describe('proxies from the environment', () => {
  it.each(['HTTP_PROXY', 'http_proxy'])('%s: every request to the (plain http) org is a forward request through the proxy', async (name) => {
    const { r, proxy, orgHost } = await dumpThrough((url) => ({ [name]: url }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bo@example.com');
    expect(proxy.seen).toContain(`GET http://${orgHost}/global/v3/users/me`);
    expect(proxy.seen.length).toBeGreaterThanOrEqual(3);
    for (const line of proxy.seen) expect(line).toMatch(new RegExp(`^GET http://${orgHost.replace('.', '\\.')}/`));
  });

  it.each([
    ['NO_PROXY with the host', (host: string) => ({ NO_PROXY: host.split(':')[0]! })],
    ['no_proxy with host:port', (host: string) => ({ no_proxy: host })],
    ['NO_PROXY=*', () => ({ NO_PROXY: '*' })],
    ['NO_PROXY listing it among others', (host: string) => ({ NO_PROXY: `proxy.example.com, ${host.split(':')[0]}` })],
  ])('%s bypasses the proxy', async (_, noProxy) => {
    const { r, proxy } = await dumpThrough((url, host) => ({ HTTP_PROXY: url, ...noProxy(host) }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bo@example.com');
    expect(proxy.seen).toEqual([]);
  });

  it('NO_PROXY for another port does not bypass it', async () => {
    const { r, proxy } = await dumpThrough((url, host) => ({ HTTP_PROXY: url, NO_PROXY: `${host.split(':')[0]}:1` }));
    expect(r.code).toBe(0);
    expect(proxy.seen.length).toBeGreaterThan(0);
  });

  it('lower case wins over upper case, as curl reads them', async () => {
    const { r, proxy } = await dumpThrough((url) => ({ http_proxy: url, HTTP_PROXY: 'http://127.0.0.1:1' }));
    expect(r.code).toBe(0);
    expect(proxy.seen.length).toBeGreaterThan(0);
  });

  it('HTTPS_PROXY alone is not used for an http:// address', async () => {
    const { r, proxy } = await dumpThrough((url) => ({ HTTPS_PROXY: url }));
    expect(r.code).toBe(0);
    expect(proxy.seen).toEqual([]);
  });

  it.each(['HTTPS_PROXY', 'https_proxy'])('%s carries an https:// address in a CONNECT tunnel', async (name) => {
    // The proxy refuses the tunnel, so nothing leaves 127.0.0.1; what it was asked is what counts.
    const proxy = await startHttpProxy({ tunnels: false });
    const r = await runCli(['dump', '--konnect-addr', 'https://{region}.konnect.test'], { env: { KONNECT_TOKEN: 'kpat_x', [name]: proxy.url } });
    expect(proxy.seen).toContain('CONNECT global.konnect.test:443');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: GET \/v3\/\S+ failed: the proxy answered 403 instead of opening a tunnel \(check HTTPS_PROXY and NO_PROXY\)\./);
    // Refused by the proxy: nothing reached Konnect, so it is not retried.
    expect(proxy.seen.length).toBeLessThanOrEqual(2);
  });

  it('without proxy variables nothing goes through a proxy (the process environment is not read behind the injected one)', async () => {
    const { r, proxy } = await dumpThrough(() => ({}));
    expect(r.code).toBe(0);
    expect(proxy.seen).toEqual([]);
  });

  it('a proxy variable that is not a URL is a sentence naming it, and exit 1', async () => {
    const { r } = await dumpThrough(() => ({ https_proxy: 'not a url' }));
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe('Error: https_proxy is not a proxy URL such as http://proxy.example.com:3128. Fix it or unset it.\n');
  });
});
