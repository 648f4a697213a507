/**
 * Synthetic organizations for the benchmarks, reproducible from a seed: N users with emails and
 * names, ten custom teams, memberships (custom and predefined teams) and grants on named
 * control planes in two regions. `driftedPair` derives a live seed that has drifted from the
 * desired file by a known mix of changes.
 */
import { stringify } from 'yaml';
import type { SeedDocument } from '../../src/local-org/index.js';
import { mulberry32 } from '../../src/local-org/http/faults.js';

export const OWNER = 'owner@example.com';

export const CONTROL_PLANES = [
  { name: 'prod-us', region: 'us' },
  { name: 'staging-us', region: 'us' },
  { name: 'prod-eu', region: 'eu' },
  { name: 'staging-eu', region: 'eu' },
] as const;

const TEAMS = ['Platform', 'Payments', 'Identity', 'Search', 'Mobile', 'Data', 'Security', 'Growth', 'Support', 'Edge'];
const PREDEFINED = ['Analytics Viewer', 'Portal Admin', 'API Product Developer', 'Organization Admin (Read Only)'];
export const CP_ROLES = ['Viewer', 'Deployer', 'Admin', 'Debug Session Creator'];
const FIRST = ['Ana', 'Bruno', 'Chen', 'Dara', 'Emeka', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jia', 'Kofi', 'Lena', 'Mateo', 'Noor', 'Omar', 'Priya'];
const LAST = ['Lima', 'Costa', 'Wei', 'Okafor', 'Haddad', 'Lindqvist', 'Sato', 'Petrov', 'Nguyen', 'Mensah', 'Schmidt', 'Rossi', 'Khan', 'Silva'];

export interface Grant {
  role: string;
  entity_type: string;
  entity: string;
  region: string;
}

export interface User {
  email: string;
  full_name: string;
  teams: string[];
  roles: Grant[];
}

export interface Team {
  name: string;
  description: string;
  labels: Record<string, string>;
  roles: Grant[];
}

export interface Org {
  teams: Team[];
  users: User[];
}


function picker(random: () => number) {
  return <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
}

function cpGrant(random: () => number, avoid?: Grant): Grant {
  const pick = picker(random);
  for (;;) {
    const cp = pick(CONTROL_PLANES);
    const g = { role: pick(CP_ROLES), entity_type: 'Control Planes', entity: cp.name, region: cp.region };
    if (!avoid || g.role !== avoid.role || g.entity !== avoid.entity) return g;
  }
}

/** An org of `users` people (plus the owner, a member of Organization Admin). */
export function generateOrg(users: number, seed: number): Org {
  const random = mulberry32(seed);
  const pick = picker(random);
  const teams: Team[] = TEAMS.map((name, i) => ({
    name,
    description: `${name} squad`,
    labels: { 'managed-by': 'orgdeck', 'cost-center': String(40 + i) },
    roles: [cpGrant(random), ...(i % 2 === 0 ? [{ role: 'Viewer', entity_type: 'Control Planes', entity: '*', region: '*' }] : [])],
  }));
  const people: User[] = [{ email: OWNER, full_name: 'Organization Owner', teams: ['Organization Admin'], roles: [] }];
  for (let i = 0; i < users; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const mine = new Set([pick(TEAMS)]);
    if (random() < 0.4) mine.add(pick(TEAMS));
    if (random() < 0.15) mine.add(pick(PREDEFINED));
    const roles = random() < 0.35 ? [cpGrant(random)] : [];
    people.push({ email: `${first}.${last}.${i}@example.com`.toLowerCase(), full_name: `${first} ${last}`, teams: [...mine], roles });
  }
  return { teams, users: people };
}

/** The state file for an org (format 1.0; unlisted users are removed). */
export function stateYaml(org: Org): string {
  return stringify({ _format_version: '1.0', _info: { unlisted_users: 'remove' }, teams: org.teams, users: org.users });
}

/** A local-org seed holding exactly this org, on the benchmark's control planes. */
export function seedOf(org: Org): SeedDocument {
  return { _format_version: '1.0', control_planes: [...CONTROL_PLANES], teams: org.teams, users: org.users };
}

export interface DriftCounts {
  missing: number;
  renamed: number;
  movedTeam: number;
  changedGrant: number;
  extra: number;
}

/**
 * desired = a generated org; live = the same org drifted: some people not yet invited, renamed,
 * in another team, holding another grant, and some who left but are still in Konnect.
 */
export function driftedPair(users: number, seed: number, drift: DriftCounts): { desired: Org; live: Org } {
  const desired = generateOrg(users, seed);
  const live: Org = structuredClone(desired);
  const random = mulberry32(seed ^ 0x5eed);
  const pick = picker(random);
  const people = live.users.slice(1); // never the owner
  let at = 0;
  const take = (n: number) => {
    at += n;
    return people.slice(at - n, at);
  };
  const missing = new Set(take(drift.missing).map((u) => u.email));
  for (const u of take(drift.renamed)) u.full_name = `${u.full_name} (old)`;
  for (const u of take(drift.movedTeam)) {
    const from = u.teams[0]!;
    u.teams[0] = pick(TEAMS.filter((t) => !u.teams.includes(t) && t !== from));
  }
  for (const u of take(drift.changedGrant)) u.roles = [cpGrant(random, u.roles[0])];
  live.users = live.users.filter((u) => !missing.has(u.email));
  for (let i = 0; i < drift.extra; i++) {
    live.users.push({ email: `former.${i}@example.com`, full_name: `Former ${i}`, teams: [pick(TEAMS)], roles: [] });
  }
  live.teams[0]!.description = 'Platform team (old description)';
  live.teams[1]!.roles = [cpGrant(random, live.teams[1]!.roles[0])];
  return { desired, live };
}
