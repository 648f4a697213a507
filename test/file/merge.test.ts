/** The merge of a live org into curated files, on states built in the test: what stays as written, what moves. */
import { describe, expect, it } from 'vitest';
import type { LiveGrant, LiveState } from '../../src/live.js';
import { mergeLiveIntoFiles } from '../../src/file/merge.js';
import { normalizeState } from '../../src/file/normalize.js';
import { parseSource } from '../../src/file/parse.js';
import { sourceFromText } from '../../src/file/source.js';
import { mergeFiles } from '../../src/file/written.js';
import { liveAccount, liveState, liveTeam, liveUser } from '../support/builders.js';

const PROD = '0f5c3b1e-6a0e-4a57-9d7e-111111111111';
const DEV = '0f5c3b1e-6a0e-4a57-9d7e-222222222222';
const ENTITIES: LiveState['entities'] = [
  { id: PROD, name: 'prod', region: 'us', entityType: 'Control Planes' },
  { id: DEV, name: 'dev', region: 'us', entityType: 'Control Planes' },
];

/** The token's user, in no file: liveState puts it in Organization Admin. */
const OWNER = liveUser('owner@example.com');

function grant(role: string, entityId: string, region = 'us'): LiveGrant {
  return { id: `${role}-${entityId}`, role, entityType: 'Control Planes', entityId, region };
}

function merge(files: Record<string, string>, live: LiveState, env: Record<string, string> = {}) {
  const parsed = Object.entries(files).map(([name, text]) => {
    const r = parseSource(sourceFromText(name, text), env);
    expect(r.problems).toEqual([]);
    return r.file!;
  });
  const { written } = mergeFiles(parsed);
  const result = mergeLiveIntoFiles(new Map(Object.entries(files)), written, normalizeState(written), { ...live, entities: ENTITIES });
  return { ...result, text: Object.fromEntries(result.files.map((f) => [f.name, f.text])) };
}

describe('mergeLiveIntoFiles', () => {
  it('keeps expires: on a grant and on a { name, expires } membership that still hold, and drops what went', () => {
    const payments = liveTeam('Payments', { roles: [grant('Viewer', PROD), grant('Admin', DEV)] });
    const ana = liveUser('ana@example.com', { roles: [grant('Viewer', DEV)] });
    payments.memberIds = [ana.id];
    const file = `_format_version: "1.0"
teams:
  - name: Payments
    roles:
      - { role: Viewer, entity_type: Control Planes, entity: prod, region: us, expires: 2027-01-31 }
      - { role: Admin, entity_type: Control Planes, entity: dev, region: us }
      - { role: Deployer, entity_type: Control Planes, entity: dev, region: us, expires: 2027-02-01 }
  - name: Legacy
users:
  - email: ana@example.com
    teams:
      - { name: Payments, expires: 2027-01-31 } # until the migration is done
      - { name: Legacy, expires: 2026-12-31 }
    roles:
      - role: Viewer
        entity_type: Control Planes
        entity: ${DEV}
        expires: 2027-03-01
`;
    const r = merge({ 'org.yaml': `_info: { defaults: { region: us } }\n${file}` }, liveState([ana], [payments], OWNER));
    expect(r.text['org.yaml']).toBe(`_info: { defaults: { region: us } }
_format_version: "1.0"
teams:
  - name: Payments
    roles:
      - { role: Viewer, entity_type: Control Planes, entity: prod, region: us, expires: 2027-01-31 }
      - { role: Admin, entity_type: Control Planes, entity: dev, region: us }
users:
  - email: ana@example.com
    teams:
      - { name: Payments, expires: 2027-01-31 } # until the migration is done
    roles:
      - role: Viewer
        entity_type: Control Planes
        entity: ${DEV}
        expires: 2027-03-01
`);
    expect(r.counts.teams).toEqual({ added: 0, updated: 1, removed: 1 });
    expect(r.counts.users).toEqual({ added: 0, updated: 1, removed: 0 });
  });

  it('keeps an env reference whose value still holds, writes the live value where it no longer does', () => {
    const live = liveState([liveUser('ana@example.com', { fullName: 'Ana' })], [liveTeam('Ops', { description: 'On call' }), liveTeam('Dev', { description: 'Builds things' })], OWNER);
    const file = `_format_version: "1.0"
teams:
  - name: Ops
    description: \${{ env "ORGDECK_OPS" }}
  - name: Dev
    description: \${{ env "ORGDECK_DEV" }} # set per environment
users:
  - { email: ana@example.com, full_name: Ana }
`;
    const r = merge({ 'org.yaml': file }, live, { ORGDECK_OPS: 'On call', ORGDECK_DEV: 'Old text' });
    expect(r.text['org.yaml']).toBe(file.replace('${{ env "ORGDECK_DEV" }} #', 'Builds things #'));
  });

  it('writes unchanged lines back as the file has them: unindented lists, tight flow brackets', () => {
    const ana = liveUser('ana@example.com', { fullName: 'Ana B', roles: [grant('Viewer', '*', '*')] });
    const file = `_format_version: "1.0"
teams:
- {name: Ops, labels: {a: "1"}}
users:
- email: ana@example.com
  full_name: Ana
  teams: [Ops]
  roles: [{role: Viewer, entity_type: Control Planes, entity: "*", region: "*"}]
`;
    const ops = liveTeam('Ops', { labels: { a: '1' }, memberIds: [ana.id] });
    const r = merge({ 'org.yaml': file }, liveState([ana], [ops], OWNER), {});
    expect(r.text['org.yaml']).toBe(file.replace('full_name: Ana\n', 'full_name: Ana B\n'));
  });

  it('appends newcomers at the end of the last file listing their kind, in dump order; the file with _info stays as it was', () => {
    const [ana, bo, cy] = ['ana@example.com', 'cy@example.com', 'bo@example.com'].map((e) => liveUser(e));
    const live = { ...liveState([ana!, bo!, cy!], [liveTeam('Ops')], OWNER), systemAccounts: [liveAccount('ci'), liveAccount('mesh', { konnectManaged: true })] };
    const info = `_format_version: "1.0"\n_info:\n  unlisted_users: remove\nteams:\n  - name: Ops\n`;
    const first = `_format_version: "1.0"\nusers:\n  - email: ana@example.com\n    status: active\n`;
    const last = `_format_version: "1.0"\n# More people\nusers: []\nsystem_accounts: []\n`;
    const r = merge({ 'a.yaml': info, 'b.yaml': first, 'c.yaml': last }, live);
    expect(r.files.map((f) => f.changed)).toEqual([false, false, true]);
    expect(r.text['c.yaml']).toBe(`_format_version: "1.0"
# More people
users:
  - email: bo@example.com
    status: active
    teams: []
  - email: cy@example.com
    status: active
    teams: []
system_accounts:
  - name: ci
    description: ci account
`);
    expect(r.counts).toEqual({ teams: { added: 0, updated: 0, removed: 0 }, users: { added: 2, updated: 0, removed: 0 }, system_accounts: { added: 1, updated: 0, removed: 0 } });
  });

  it('adds nobody the scope leaves alone: unlisted_users: ignore, unlisted_system_accounts: ignore, no teams key', () => {
    const live = { ...liveState([liveUser('ana@example.com'), liveUser('bo@example.com')], [liveTeam('Ops')], OWNER), systemAccounts: [liveAccount('ci')] };
    const file = `_format_version: "1.0"\n_info:\n  unlisted_users: ignore\n  unlisted_system_accounts: ignore\nusers:\n  - email: ana@example.com\nsystem_accounts: []\n`;
    const r = merge({ 'org.yaml': file }, live);
    expect(r.files[0]!.changed).toBe(false);
    expect(r.text['org.yaml']).toBe(file);
  });

  it('labels: the scope labels need not be written, other keys follow live; a team outside the scope is not added', () => {
    const live = liveState([liveUser('ana@example.com')], [liveTeam('Pay', { labels: { area: 'pay', tier: '2' } }), liveTeam('Search', { labels: { area: 'search' }, inScope: false })], OWNER);
    const file = `_format_version: "1.0"\n_info:\n  select_team_labels: { area: pay }\n  unlisted_users: ignore\nteams:\n  - name: Pay\n    labels:\n      tier: "1" # raised by hand\n`;
    const r = merge({ 'org.yaml': file }, live);
    expect(r.text['org.yaml']).toBe(file.replace('tier: "1"', 'tier: "2"'));
  });

  it('a list shared through an alias stays shared where nothing changed, and becomes plain items where something did', () => {
    const ops = liveTeam('Ops', { roles: [grant('Viewer', PROD)] });
    const dev = liveTeam('Dev', { roles: [] });
    const file = `_format_version: "1.0"
teams:
  - name: Ops
    roles: &viewer
      - { role: Viewer, entity_type: Control Planes, entity: prod, region: us }
  - name: Dev
    roles: *viewer
`;
    const r = merge({ 'org.yaml': file }, liveState([], [ops, dev], OWNER));
    expect(r.text['org.yaml']).toBe(file.replace('    roles: *viewer\n', ''));
  });

  it('reports each expires: it removed with a membership or grant gone from Konnect, or with a whole team, with file and line', () => {
    const payments = liveTeam('Payments', { roles: [grant('Viewer', PROD)] });
    const dara = liveUser('dara@example.com');
    const file = `_format_version: "1.0"
teams:
  - name: Payments
    roles:
      - { role: Viewer, entity_type: Control Planes, entity: prod, region: us, expires: 2027-01-31 }
      - { role: Deployer, entity_type: Control Planes, entity: dev, region: us, expires: 2027-02-01 }
      - { role: Admin, entity_type: Control Planes, entity: dev, region: us }
  - name: Ops # renamed by hand in Konnect
    roles:
      - { role: Viewer, entity_type: Control Planes, entity: dev, region: us, expires: 2027-03-03 }
users:
  - email: dara@example.com
    teams:
      - { name: Ops, expires: 2026-12-20 }
      - Payments
`;
    const r = merge({ 'people.yaml': file }, liveState([dara], [payments], OWNER));
    expect(r.droppedExpiries).toEqual([
      { kind: 'teams', key: 'Payments', what: 'grant of Deployer on Control Planes dev (us)', expires: '2027-02-01', file: 'people.yaml', line: 6 },
      { kind: 'teams', key: 'Ops', what: 'grant of Viewer on Control Planes dev (us)', expires: '2027-03-03', file: 'people.yaml', line: 10 },
      { kind: 'users', key: 'dara@example.com', what: 'membership of "Ops"', expires: '2026-12-20', file: 'people.yaml', line: 14 },
    ]);
  });

  it('an emptied teams list stays as teams: [] on a person and a system account; an emptied roles list goes', () => {
    const ana = liveUser('ana@example.com');
    const live = { ...liveState([ana], [], OWNER), systemAccounts: [liveAccount('ci', { description: 'CI' })] };
    const file = `_format_version: "1.0"
users:
  - email: ana@example.com
    teams:
      - Ops
    roles:
      - { role: Viewer, entity_type: Control Planes, entity: prod, region: us }
system_accounts:
  - name: ci
    description: CI
    teams: [Ops]
`;
    const r = merge({ 'org.yaml': file }, live);
    expect(r.text['org.yaml']).toBe(`_format_version: "1.0"
users:
  - email: ana@example.com
    teams: []
system_accounts:
  - name: ci
    description: CI
    teams: []
`);
    expect(r.droppedExpiries).toEqual([]);
  });

  it('keeps Windows line ends', () => {
    const file = '_format_version: "1.0"\r\nteams:\r\n  - name: Ops # ours\r\n    description: Old\r\n';
    const r = merge({ 'org.yaml': file }, liveState([], [liveTeam('Ops', { description: 'New' })], OWNER));
    expect(r.text['org.yaml']).toBe(file.replace('Old', 'New'));
  });
});
