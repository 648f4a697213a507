/**
 * "org-10k" and its kin, reproducible from a seed: N users (10% pending), N/25 custom teams,
 * about 3 memberships and 2 direct grants per user, 3 grants per team, on 40 control planes in
 * two regions. `drift` derives a live org that differs from the file by a known mix of changes.
 */
import { stringify } from 'yaml';
import { mulberry32 } from '../../src/local-org/http/faults.js';
import type { SeedDocument } from '../../src/local-org/index.js';

import { CP_ROLES, type Grant, OWNER, type Team, type User as SyntheticUser } from './synthetic.js';

export { OWNER, type Team };
/** A synthetic user that may be pending: then it has no name yet. */
export interface User extends Omit<SyntheticUser, 'full_name'> {
  full_name?: string;
  status?: 'pending';
}
export interface BigOrg {
  controlPlanes: { name: string; region: string }[];
  teams: Team[];
  users: User[];
}

export function generateBigOrg(userCount: number, seed = 10_000): BigOrg {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const controlPlanes = Array.from({ length: 40 }, (_, i) => ({ name: `cp-${String(i).padStart(2, '0')}`, region: i % 2 ? 'eu' : 'us' }));
  const grants = (n: number): Grant[] => {
    const out = new Map<string, Grant>();
    while (out.size < n) {
      const cp = pick(controlPlanes);
      const g = { role: pick(CP_ROLES), entity_type: 'Control Planes', entity: cp.name, region: cp.region };
      out.set(`${g.role}/${g.entity}`, g);
    }
    return [...out.values()];
  };
  const teams: Team[] = Array.from({ length: Math.max(1, Math.round(userCount / 25)) }, (_, i) => ({
    name: `team-${String(i).padStart(4, '0')}`,
    description: `Team number ${i}`,
    labels: { 'managed-by': 'orgdeck' },
    roles: grants(3),
  }));
  const names = teams.map((t) => t.name);
  const users: User[] = [{ email: OWNER, full_name: 'Organization Owner', teams: ['Organization Admin'], roles: [] }];
  for (let i = 0; i < userCount; i++) {
    const mine = new Set<string>();
    const want = 2 + Math.floor(random() * 3); // 2..4, about 3
    while (mine.size < want) mine.add(pick(names));
    const pending = i % 10 === 9;
    users.push({
      email: `user${String(i).padStart(6, '0')}@example.com`,
      ...(pending ? { status: 'pending' as const } : { full_name: `User ${i}` }),
      teams: [...mine].sort(),
      roles: grants(1 + Math.floor(random() * 3)), // 1..3, about 2
    });
  }
  return { controlPlanes, teams, users };
}

/** The state file for an org, as a user (or dump) would write it. */
export function bigOrgYaml(org: BigOrg): string {
  return stringify({ _format_version: '1.0', _info: { unlisted_users: 'remove' }, teams: org.teams, users: org.users }, { lineWidth: 0 });
}

export function bigOrgSeed(org: BigOrg): SeedDocument {
  return { _format_version: '1.0', control_planes: org.controlPlanes, teams: org.teams, users: org.users } as SeedDocument;
}

export interface Drift {
  /** Users in the file who are not in Konnect yet (invites). */
  missing: number;
  renamed: number;
  /** Users moved from one of their teams to another. */
  moved: number;
  /** Users holding another grant than the file's. */
  regranted: number;
  /** People in Konnect who are no longer in the file. */
  extra: number;
}

/** A live org that has drifted from `desired` by `drift` (users taken in order after the owner). */
export function drifted(desired: BigOrg, drift: Drift, seed = 77): BigOrg {
  const live: BigOrg = structuredClone(desired);
  const random = mulberry32(seed);
  const people = live.users.slice(1).filter((u) => !u.status);
  let at = 0;
  const take = (n: number) => {
    at += n;
    return people.slice(at - n, at);
  };
  const missing = new Set(take(drift.missing).map((u) => u.email));
  for (const u of take(drift.renamed)) u.full_name = `${u.full_name} (old)`;
  const names = live.teams.map((t) => t.name);
  for (const u of take(drift.moved)) {
    const spare = names.filter((n) => !u.teams.includes(n));
    u.teams = [...u.teams.slice(1), spare[Math.floor(random() * spare.length)]!].sort();
  }
  for (const u of take(drift.regranted)) {
    const g = u.roles[0]!;
    u.roles = [{ ...g, role: CP_ROLES.find((r) => r !== g.role && !u.roles.some((x) => x.role === r && x.entity === g.entity))! }, ...u.roles.slice(1)];
  }
  live.users = live.users.filter((u) => !missing.has(u.email));
  for (let i = 0; i < drift.extra; i++) live.users.push({ email: `former${i}@example.com`, full_name: `Former ${i}`, teams: [names[i % names.length]!], roles: [] });
  return live;
}
