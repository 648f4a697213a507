/** When an add fails, the removal it would replace is skipped: nobody is left with nothing. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { OUTAGE, failingProxy } from '../support/failing-proxy.js';
import { seededOrg } from '../support/org.js';

const LIVE = `_format_version: "1.0"
control_planes: [{ name: prod, region: us }]
teams: [{ name: Platform }, { name: Payments }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - email: bob@example.com
    teams: [Platform]
    roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }]
`;
const MOVED = `_format_version: "1.0"
teams: [{ name: Platform }, { name: Payments }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - email: bob@example.com
    teams: [Payments]
    roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }]
`;

describe('handover', () => {
  it('keeps the old membership and grant when adding the new ones fails, and finishes on the next run', async () => {
    const { org, env } = await seededOrg(LIVE);
    let outage = true;
    const addr = await failingProxy(org.baseUrl, (method, path) => (outage && method === 'POST' && /\/users$|\/assigned-roles$/.test(path) ? OUTAGE : undefined));
    const first = await runCli(['sync', '--yes', '-'], { env: { ...env, KONNECT_ADDR: addr }, stdin: MOVED });
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('add bob@example.com to team Payments failed: 503 Service Unavailable: upstream unavailable (konnect:trace:503)');
    expect(first.stdout).toMatch(/remove bob@example\.com from team Platform: skipped, waits for "create (team-membership|user-role) /);
    expect(first.stdout).toMatch(/revoke Viewer on Control Planes prod \(us\) from user bob@example\.com: skipped/);
    const held = await runCli(['dump'], { env });
    expect(held.stdout).toMatch(/email: bob@example.com\n(.*\n)*?\s+teams:\n\s+- Platform/);

    outage = false;
    const second = await runCli(['sync', '--yes', '-'], { env: { ...env, KONNECT_ADDR: addr }, stdin: MOVED });
    expect(second.code, second.stdout).toBe(0);
    const clean = await runCli(['diff', '--non-zero-exit-code', '-'], { env, stdin: MOVED });
    expect(clean.code).toBe(0);
  });
});
