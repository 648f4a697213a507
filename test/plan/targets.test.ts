/** The targeted selection (`diff --base`): who a change of the file touches, and when the whole org must be read. */
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';
import { findTargets, keepTouched, MAX_TARGETS, restrictDesired, type Targeting } from '../../src/diff/targets.js';
import type { Change } from '../../src/change.js';
import type { DesiredState } from '../../src/model.js';
import { totalsNeeded } from '../../src/plan/targeted-guards.js';
import { planOf } from '../../src/plan/build.js';
import { desiredFrom } from '../support/engine.js';
import { liveState, liveTeam, liveUser } from '../support/builders.js';

const BASE = `_format_version: "1.0"
teams:
  - { name: Platform, description: P, roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }] }
  - { name: Legacy }
users:
  - { email: ana@example.com, full_name: Ana, teams: [Platform], roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }] }
  - { email: bo@example.com, full_name: Bo, teams: [Legacy] }
  - { email: cy@example.com, full_name: Cy, teams: [Platform] }
`;

const targetsOf = (t: Targeting) => {
  if ('fullRead' in t) throw new Error(`fell back: ${t.fullRead}`);
  return { emails: [...t.targets.emails].sort(), teams: [...t.targets.teams].sort(), accounts: [...t.targets.accounts].sort() };
};
const between = (head: string, base = BASE) => findTargets(desiredFrom(base), desiredFrom(head));

describe('findTargets', () => {
  it('touches nobody when only where things are written moves', () => {
    const moved = BASE.replace('teams:\n', '# a comment\n\nteams:\n');
    expect(targetsOf(between(moved))).toEqual({ emails: [], teams: [], accounts: [] });
  });

  it('touches a team whose label named "at" changed: only the places the loader records are left out', () => {
    const base = BASE.replace('{ name: Legacy }', '{ name: Legacy, labels: { at: one } }');
    expect(targetsOf(between(base.replace('at: one', 'at: two'), base)).teams).toEqual(['Legacy']);
  });

  it('touches a person renamed, and both addresses of a person whose email changed', () => {
    expect(targetsOf(between(BASE.replace('full_name: Bo', 'full_name: Bo Chen'))).emails).toEqual(['bo@example.com']);
    expect(targetsOf(between(BASE.replace('email: cy@example.com', 'email: cyrus@example.com'))).emails).toEqual(['cy@example.com', 'cyrus@example.com']);
  });

  it('touches a team removed, and the people the file took out of it', () => {
    const head = BASE.replace('  - { name: Legacy }\n', '').replace('teams: [Legacy]', 'teams: []');
    expect(targetsOf(between(head))).toEqual({ emails: ['bo@example.com'], teams: ['Legacy'], accounts: [] });
  });

  it('touches both holders of a grant moved from a user to a team', () => {
    const head = BASE.replace(', roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }] }', ' }').replace(
      '  - { name: Legacy }',
      '  - { name: Legacy, roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }] }',
    );
    expect(targetsOf(between(head))).toEqual({ emails: ['ana@example.com'], teams: ['Legacy'], accounts: [] });
  });

  it('compares an env-substituted file as substituted: the same value written another way touches nobody', () => {
    const load = (text: string) => loadDesiredState([sourceFromText('org.yaml', text)], { ORGDECK_TEAM: 'Legacy' }).state!;
    const head = BASE.replace('teams: [Legacy]', 'teams: [\'${{ env "ORGDECK_TEAM" }}\']');
    expect(targetsOf(findTargets(load(BASE), load(head)))).toEqual({ emails: [], teams: [], accounts: [] });
    const other = loadDesiredState([sourceFromText('org.yaml', head)], { ORGDECK_TEAM: 'Platform' }).state!;
    expect(targetsOf(findTargets(load(BASE), other)).emails).toEqual(['bo@example.com']);
  });

  it('touches a system account the file puts in a changed team', () => {
    const withAccounts = `${BASE}system_accounts:\n  - { name: ci-bot, description: CI, teams: [Platform] }\n  - { name: other, description: O }\n`;
    const head = withAccounts.replace('description: P,', 'description: Platform team,');
    expect(targetsOf(between(head, withAccounts))).toEqual({ emails: [], teams: ['Platform'], accounts: ['ci-bot'] });
  });

  it('falls back when the scope changes: _info (labels, unlisted users) or whether system accounts are managed', () => {
    const labels = BASE.replace('teams:\n', '_info: { select_team_labels: { owner: platform } }\nteams:\n');
    expect(between(labels)).toEqual({ fullRead: expect.stringContaining('_info changed') });
    expect(between(BASE.replace('teams:\n', '_info: { unlisted_users: ignore }\nteams:\n'))).toEqual({ fullRead: expect.stringContaining('_info changed') });
    expect(between(`${BASE}system_accounts: []\n`)).toEqual({ fullRead: expect.stringContaining('system accounts') });
  });

  it(`falls back past ${MAX_TARGETS} touched principals, and targets at ${MAX_TARGETS}`, () => {
    const many = (n: number) => `${BASE}${Array.from({ length: n }, (_, i) => `  - { email: p${i}@example.com }\n`).join('')}`;
    expect(targetsOf(between(many(MAX_TARGETS))).emails).toHaveLength(MAX_TARGETS);
    expect(between(many(MAX_TARGETS + 1))).toEqual({ fullRead: `the change touches ${MAX_TARGETS + 1} people, teams and system accounts, more than ${MAX_TARGETS} (a change that broad deserves a look at the whole organization)` });
  });
});

describe('restrictDesired and keepTouched', () => {
  const head: DesiredState = desiredFrom(BASE);
  const targets = { emails: new Set(['ana@example.com']), teams: new Set(['Legacy']), accounts: new Set<string>() };

  it('keeps touched people whole, members of touched teams with that membership alone, and untouched teams without grants', () => {
    const r = restrictDesired(head, targets, new Set(['bo@example.com']));
    expect(r.users.map((u) => [u.email, u.teams, u.roles.length])).toEqual([['ana@example.com', ['Platform'], 1], ['bo@example.com', ['Legacy'], 0]]);
    expect(r.teams.map((t) => [t.name, t.roles.length])).toEqual([['Platform', 0], ['Legacy', 0]]);
  });

  it('drops changes outside the touched set, and keeps what a touched change depends on', () => {
    const change = (c: Partial<Change> & Pick<Change, 'op' | 'kind' | 'key'>): Change => c;
    const changes = [
      change({ op: 'update', kind: 'user', key: 'cy@example.com', user: { email: 'cy@example.com', id: 'c' } }),
      change({ op: 'create', kind: 'team', key: 'Auditors', team: { name: 'Auditors' } }),
      change({ op: 'create', kind: 'team-membership', key: 'Auditors/ana@example.com', team: { name: 'Auditors' }, user: { email: 'ana@example.com', id: 'a' }, depends_on: ['create team Auditors'] }),
      change({ op: 'delete', kind: 'team-membership', key: 'Legacy/bo@example.com', team: { name: 'Legacy', id: 'l' }, user: { email: 'bo@example.com', id: 'b' } }),
    ];
    expect(keepTouched(changes, targets).map((c) => c.key)).toEqual(['Auditors', 'Auditors/ana@example.com', 'Legacy/bo@example.com']);
  });
});

describe('totalsNeeded', () => {
  const team = (n: number) => {
    const users = Array.from({ length: n }, (_, i) => liveUser(`m${i}@example.com`));
    return { users, team: liveTeam('Legacy', { memberIds: users.map((u) => u.id) }) };
  };
  const removing = (n: number) => {
    const { users, team: t } = team(n);
    const owner = liveUser('owner@example.com');
    const live = liveState([owner, ...users], [t], owner);
    const plan = planOf([{ op: 'delete', kind: 'team', key: 'Legacy', team: { name: 'Legacy', id: t.id } }], []);
    return totalsNeeded(plan, live);
  };

  it('needs no totals while nothing removed passes the always-allowed count, and the whole org past it', () => {
    expect(removing(3)).toBeUndefined();
    expect(removing(4)).toBe('the plan removes 4 team memberships, more than the 3 always allowed, and the mass-deletion guard weighs that against the whole organization');
  });
});
