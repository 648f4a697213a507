/** Start a local org from a seed written as YAML, stopped after each test; env for the CLI. */
import { afterEach } from 'vitest';
import { parse } from 'yaml';
import { type LocalOrg, type LocalOrgOptions, type SeedDocument, startLocalOrg } from '../../src/local-org/index.js';

export const TEST_TOKEN = 'kpat_TESTtoken_do_not_print_0123456789abcdef';

const running: LocalOrg[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((o) => o.stop()));
});

export async function seededOrg(seedYaml: string, opts: LocalOrgOptions = {}) {
  const org = await startLocalOrg({ seed: parse(seedYaml) as SeedDocument, token: TEST_TOKEN, ...opts });
  running.push(org);
  return { org, env: { KONNECT_ADDR: org.addr, KONNECT_TOKEN: TEST_TOKEN } as Record<string, string> };
}
