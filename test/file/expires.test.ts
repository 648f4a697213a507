/** `expires:` in the state file: its two places, its checks with a location, validate's warnings at a clock. */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { expiryWarnings } from '../../src/file/expires.js';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';

const load = (text: string) => loadDesiredState([sourceFromText('a.yaml', text)], {});

const FILE = `_format_version: "1.0"
teams:
  - name: Payments
    roles:
      - { role: Viewer, entity_type: Control Planes, entity: "*", expires: 2027-03-01 }
  - name: Platform
users:
  - email: ana@example.com
    teams:
      - Platform
      - { name: Payments, expires: 2027-01-31 }
    roles:
      - { role: Admin, entity_type: Control Planes, entity: "*", expires: "2027-02-01T18:00:00+01:00" }
      - { role: Viewer, entity_type: API Products, entity: "*" }
system_accounts:
  - name: ci
    teams:
      - name: Platform
        expires: 2027-06-30
`;

describe('expires in the state file', () => {
  it('reads a membership written { name, expires } beside plain names, and a grant\'s expires, each with where it is written', () => {
    const r = load(FILE);
    expect(r.problems).toEqual([]);
    const ana = r.state!.users[0]!;
    expect(ana.teams).toEqual(['Platform', 'Payments']);
    expect([ana.teamExpiry?.Payments?.on, ana.teamExpiry?.Payments?.at]).toEqual(['2027-01-31', 'a.yaml:11:36']);
    expect(ana.teamsAt).toEqual({ Platform: 'a.yaml:10:9', Payments: 'a.yaml:11:9' });
    expect(ana.roles.map((g) => g.expires && { on: g.expires.on, at: g.expires.at })).toEqual([{ on: '2027-02-01T18:00:00+01:00', at: 'a.yaml:13:75' }, undefined]);
    expect(r.state!.teams[0]!.roles[0]!.expires?.on).toBe('2027-03-01');
    const ci = r.state!.systemAccounts![0]!;
    expect(ci.teams).toEqual(['Platform']);
    expect([ci.teamExpiry?.Platform?.on, ci.teamExpiry?.Platform?.at]).toEqual(['2027-06-30', 'a.yaml:19:18']);
  });

  it('refuses a date that is not one, a date-time without an offset, and a non-string, each at its place with the way out', () => {
    const r = load(`_format_version: "1.0"
teams: [{ name: Payments }]
users:
  - email: ana@example.com
    teams:
      - { name: Payments, expires: 2027-02-30 }
    roles:
      - { role: Viewer, entity_type: Control Planes, entity: "*", expires: "2027-01-31T18:00:00" }
      - { role: Viewer, entity_type: API Products, entity: "*", expires: next week }
      - { role: Viewer, entity_type: Portals, entity: "*", expires: 20270131 }
`);
    expect(r.state).toBeUndefined();
    expect(r.problems.map(formatProblem)).toEqual([
      'a.yaml:6:36  /users/0/teams/0/expires  "2027-02-30" is not a date. Write an ISO date like 2027-01-31 (the access ends at 00:00 UTC that day), or a date and time with its offset like 2027-01-31T18:00:00Z.',
      'a.yaml:8:76  /users/0/roles/0/expires  "2027-01-31T18:00:00" has no offset, so when it ends would depend on the time zone orgdeck runs in. Add Z for UTC (2027-01-31T18:00:00Z) or an offset like +01:00.',
      'a.yaml:9:74  /users/0/roles/1/expires  "next week" is not a date. Write an ISO date like 2027-01-31 (the access ends at 00:00 UTC that day), or a date and time with its offset like 2027-01-31T18:00:00Z.',
      'a.yaml:10:69  /users/0/roles/2/expires  Must be a string, not a number (20270131).',
    ]);
  });

  it('checks a teams item of either form: duplicates, undeclared names, a mapping without expires, a wrong type', () => {
    const r = load(`_format_version: "1.0"
teams: [{ name: Payments }]
users:
  - email: ana@example.com
    teams:
      - Payments
      - { name: Payments, expires: 2027-01-31 }
      - { name: Paymnts, expires: 2027-01-31 }
      - { name: Payments }
      - 3
`);
    expect(r.problems.map(formatProblem)).toEqual([
      'a.yaml:7:17  /users/0/teams/1/name  Team "Payments" is listed twice for this user; keep one.',
      'a.yaml:8:17  /users/0/teams/2/name  Team "Paymnts" is neither declared under teams nor a predefined team. Did you mean "Payments"?',
      'a.yaml:9:9  /users/0/teams/3  This membership is missing "expires".',
      'a.yaml:9:17  /users/0/teams/3/name  Team "Payments" is listed twice for this user; keep one.',
      'a.yaml:10:9  /users/0/teams/4  Must be a team name or a mapping like { name: Payments, expires: 2027-01-31 }, not a number (3).',
    ]);
  });

  it('warns at a clock of an expiry passed (sync removes it) and of one more than a year away; not of one in between', () => {
    const r = load(FILE);
    const at = (iso: string) => expiryWarnings(r.written!, Date.parse(iso)).map(formatProblem);
    expect(at('2027-01-15T00:00:00Z')).toEqual([]);
    expect(at('2027-02-01T00:00:00Z')).toEqual([
      'a.yaml:11:36  /users/0/teams/1/expires  This membership expired on 2027-01-31: sync will remove it; delete the entry.',
    ]);
    expect(at('2026-07-01T00:00:00Z')).toEqual([]);
  });
});

describe('expiries more than a year away', () => {
  it('are warned of, each at its value', () => {
    const r = load(FILE);
    const far = (iso: string) => expiryWarnings(r.written!, Date.parse(iso)).map((p) => `${p.line}:${p.col} ${p.message}`);
    const tail = 'more than a year away: time-bound access is meant to end sooner. Shorten it, or remove expires if the access is meant to stay.';
    // 2027-01-31 is one year to the day from the clock: not more than a year.
    expect(far('2026-01-31T00:00:00Z')).toEqual([
      `19:18 This membership expires on 2027-06-30, ${tail}`,
      `5:76 This grant expires on 2027-03-01, ${tail}`,
      `13:75 This grant expires on 2027-02-01T18:00:00+01:00, ${tail}`,
    ]);
    expect(far('2026-06-30T00:00:00Z')).toEqual([]);
    expect(far('2026-06-29T23:59:59Z')).toEqual([`19:18 This membership expires on 2027-06-30, ${tail}`]);
  });
});

describe('expires on the fast path', () => {
  it('a block-only file (read without a syntax tree) gives the same dates, as strings, as the yaml library', async () => {
    const { parseSimpleYaml } = await import('../../src/file/simple-yaml.js');
    const { parse } = await import('yaml');
    const text = `_format_version: "1.0"
teams:
  - name: Payments
users:
  - email: ana@example.com
    teams:
      - name: Payments
        expires: 2027-01-31
    roles:
      - role: Viewer
        entity_type: Control Planes
        entity: "*"
        expires: 2027-01-31T18:00:00+01:00
`;
    expect(parseSimpleYaml(text)?.value).toEqual(parse(text));
    const r = load(text);
    expect(r.problems).toEqual([]);
    expect(r.state!.users[0]!.teamExpiry?.Payments?.at).toBe('a.yaml:8:18');
    expect(r.state!.users[0]!.roles[0]!.expires?.on).toBe('2027-01-31T18:00:00+01:00');
  });
});
