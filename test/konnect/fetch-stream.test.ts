/**
 * Reading the live org streams: the roles of the users on the first page of the user list are
 * asked for while its later pages are still to come, the entity lists the file needs are asked
 * for with the first lists rather than after every grant, and every required read is made
 * exactly once. Order is what the client sends (its transport), which does not depend on timing.
 */
import { describe, expect, it } from 'vitest';
import { scopeOf } from '../../src/diff/scope.js';
import { KonnectClient } from '../../src/konnect/client.js';
import { fetchLiveState } from '../../src/konnect/fetch.js';
import { type Transport, undiciTransport } from '../../src/konnect/transport.js';
import { bigOrg } from '../support/big-org.js';
import { desiredFrom, FAST_RETRY } from '../support/engine.js';
import { startOrg } from '../support/local-org.js';

describe('fetchLiveState', () => {
  it('asks for users\' roles before the user list is whole, for the entity lists the file needs first, and for those only live grants need last', async () => {
    const { seed, desiredYaml } = bigOrg(450, 450);
    const { org } = await startOrg({ seed: seed as never, latencyMs: 2 });
    const sent: string[] = [];
    const wire = undiciTransport(8);
    const transport: Transport = (req) => {
      sent.push(new URL(req.url).pathname.replace(/^\/[a-z]+/, (r) => (r === '/global' ? '' : r)));
      return wire(req);
    };
    const client = new KonnectClient({ addr: org.addr, token: org.token, transport, parallelism: 8, timeoutMs: 10_000, retry: FAST_RETRY });
    const live = await fetchLiveState(client, scopeOf(desiredFrom(desiredYaml)));

    expect(live.users).toHaveLength(451);
    const isRoles = (p: string) => /^\/v3\/users\/[^/]+\/assigned-roles$/.test(p);
    const firstRoles = sent.findIndex(isRoles);
    const lastRoles = sent.findLastIndex(isRoles);
    expect(firstRoles).toBeGreaterThan(-1);
    expect(firstRoles).toBeLessThan(sent.lastIndexOf('/v3/users'));
    // The file grants on control planes in eu only: that list goes out with the first lists. The
    // us list is needed only by live grants, known once every role is read.
    expect(sent.indexOf('/eu/v2/control-planes')).toBeLessThan(firstRoles);
    expect(sent.indexOf('/us/v2/control-planes')).toBeGreaterThan(lastRoles);
    // Each user's roles exactly once, each entity list once, each user page once.
    const roleReads = sent.filter(isRoles);
    expect(roleReads).toHaveLength(451);
    expect(new Set(roleReads).size).toBe(451);
    expect(sent.filter((p) => p.endsWith('/v2/control-planes'))).toHaveLength(2);
    expect(sent.filter((p) => p === '/v3/users')).toHaveLength(5);
    // The roles read are the ones the plan sees.
    expect(live.users.filter((u) => u.roles.length > 0).length).toBeGreaterThan(50);
  });
});
