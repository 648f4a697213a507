/** The per-field rule docs/state-file.md states: names left out are not managed; teams and roles left out mean none. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';

const LIVE = `_format_version: "1.0"
control_planes: [{ name: prod, region: us }]
teams: [{ name: Platform, description: Gateways, labels: { cost: "42" } }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - email: ana@example.com
    full_name: Ana Lima
    preferred_name: Ana
    teams: [Platform, Analytics Viewer]
    roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }]
`;

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-fields-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

describe('fields left out of the file', () => {
  it('a person listed by email only keeps their names and the org, and loses teams and grants', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', file(`_format_version: "1.0"
teams: [{ name: Platform }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - email: ana@example.com
`)], { env });
    expect(r.stdout).toBe(`revoke Viewer on Control Planes prod (us) from user ana@example.com
remove ana@example.com from team Analytics Viewer
remove ana@example.com from team Platform
Summary: 0 to add, 0 to change, 3 to remove
`);
  });

  it('listing teams and roles as they are keeps everything: the diff is empty', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', '--non-zero-exit-code', file(`_format_version: "1.0"
teams: [{ name: Platform }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - email: ana@example.com
    teams: [Platform, Analytics Viewer]
    roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }]
`)], { env });
    expect(r.stdout).toContain('No changes: the organization matches the file.');
    expect(r.code).toBe(0);
  });

  it("names given are managed, and a team's description and labels only when given", async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', file(`_format_version: "1.0"
teams: [{ name: Platform, description: Edge }]
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - email: ana@example.com
    full_name: Ana Lima Souza
    teams: [Platform, Analytics Viewer]
    roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }]
`)], { env });
    expect(r.stdout).toBe(`update user ana@example.com
  - full_name: "Ana Lima"
  + full_name: "Ana Lima Souza"
update team Platform
  - description: "Gateways"
  + description: "Edge"
Summary: 0 to add, 2 to change, 0 to remove
`);
  });
});
