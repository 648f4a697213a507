import { describe, expect, it } from 'vitest';
import { applyPlan, countResults } from '../../src/apply/apply.js';
import { planOf } from '../../src/plan/build.js';
import { KonnectClient } from '../../src/konnect/client.js';
import { undiciTransport } from '../../src/konnect/transport.js';
import type { Change, Plan } from '../../src/plan/types.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';

const plan = (changes: Change[]): Plan => planOf(changes, []);

describe('applyPlan', () => {
  it('a failed step does not stop independent ones; steps that depend on it are skipped, with reasons', async () => {
    const { org } = await seededOrg('_format_version: "1.0"\nteams: [{ name: T }]\n');
    const client = new KonnectClient({ addr: org.addr, token: TEST_TOKEN, transport: undiciTransport(4), parallelism: 4, timeoutMs: 5000 });
    const teamId = org.snapshot().teams.find((t) => t.name === 'T')?.id;
    const report = await applyPlan(
      plan([
        { op: 'create', kind: 'user', key: 'bad address', user: { email: 'bad address' } },
        { op: 'create', kind: 'user', key: 'ok@example.com', user: { email: 'ok@example.com' } },
        { op: 'create', kind: 'team-membership', key: 'T/bad address', user: { email: 'bad address' }, team: { name: 'T', id: teamId! }, depends_on: ['create user bad address'] },
        { op: 'create', kind: 'team-membership', key: 'T/ok@example.com', user: { email: 'ok@example.com' }, team: { name: 'T', id: teamId! }, depends_on: ['create user ok@example.com'] },
      ]),
      { client, userIds: new Map(), teamIds: new Map(), accountIds: new Map() },
    );
    const byKey = Object.fromEntries(report.results.map((r) => [`${r.change.op} ${r.change.kind} ${r.change.key}`, r]));
    expect(byKey['create user bad address']?.status).toBe('failed');
    expect(byKey['create user bad address']?.reason).toMatch(/^400 Bad Request.*\(konnect:trace:\d+\)$/);
    expect(byKey['create team-membership T/bad address']).toMatchObject({ status: 'skipped', reason: 'waits for "create user bad address", which did not succeed' });
    expect(byKey['create team-membership T/ok@example.com']?.status).toBe('done');
    expect(countResults(report)).toEqual({ done: 2, already: 0, failed: 1, skipped: 1, 'not-started': 0 });
  });
});
