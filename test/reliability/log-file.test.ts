/** --log-file: one JSON line per API write attempt, with op, kind, key, status and trace id. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failingProxy } from '../support/failing-proxy.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

describe('--log-file', () => {
  it('records every write attempt, retries included, and no read', async () => {
    const { org, env } = await seededOrg('_format_version: "1.0"\nusers: [{ email: owner@example.com, teams: [Organization Admin] }]\n');
    let outages = 2;
    // The first two membership adds meet an outage; the retries go through.
    const addr = await failingProxy(org.baseUrl, (method, path) =>
      method === 'POST' && path.endsWith('/users') && outages-- > 0 ? { status: 503, body: { status: 503, title: 'Service Unavailable', instance: 'konnect:trace:777', detail: '' } } : undefined,
    );
    const log = join(mkdtempSync(join(tmpdir(), 'orgdeck-log-')), 'sync.log');
    const desired = '_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin, Analytics Viewer] }\n  - { email: ana@example.com, full_name: Ana }\n';
    const r = await runCli(['sync', '--yes', '--parallelism', '1', '--log-file', log, '-'], { env: { ...env, KONNECT_ADDR: addr }, stdin: desired });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.op, l.kind, l.key, l.method, l.attempt, l.status])).toEqual([
      ['create', 'user', 'ana@example.com', 'POST', 1, 201],
      ['create', 'team-membership', 'Analytics Viewer/owner@example.com', 'POST', 1, 503],
      ['create', 'team-membership', 'Analytics Viewer/owner@example.com', 'POST', 2, 503],
      ['create', 'team-membership', 'Analytics Viewer/owner@example.com', 'POST', 3, 201],
    ]);
    expect(lines[1].trace_id).toBe('konnect:trace:777');
    for (const l of lines) expect(Date.parse(l.time)).not.toBeNaN();
  });
});
