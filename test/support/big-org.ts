/** A large drifted organization: `existing` users live, `total` desired, teams and grants spread over them. */
import { stringify } from 'yaml';

const CPS = [
  { name: 'prod-us', region: 'us', id: 'c1000000-0000-4000-8000-000000000001' },
  { name: 'prod-eu', region: 'eu', id: 'c1000000-0000-4000-8000-000000000002' },
  { name: 'staging', region: 'us', id: 'c1000000-0000-4000-8000-000000000003' },
];

export function bigOrg(total: number, existing: number, teamCount = 6): { seed: Record<string, unknown>; desiredYaml: string } {
  const teams = Array.from({ length: teamCount }, (_, i) => `Team ${i}`);
  const email = (i: number) => `user${String(i).padStart(4, '0')}@example.com`;
  const cp = (i: number) => CPS[i % CPS.length]!;
  const liveUsers = Array.from({ length: existing }, (_, i) => ({
    email: email(i),
    full_name: `User ${i}`,
    teams: [teams[i % (teamCount - 1)]!],
    roles: i % 5 === 0 ? [{ role: 'Viewer', entity_type: 'Control Planes', entity: cp(i).name, region: cp(i).region }] : [],
  }));
  const desiredUsers = Array.from({ length: total }, (_, i) => ({
    email: email(i),
    ...(i < existing ? { full_name: i % 7 === 0 ? `User ${i} Renamed` : `User ${i}` } : {}),
    teams: [teams[(i + (i % 3 === 0 ? 1 : 0)) % teamCount]!, ...(i % 4 === 0 ? ['Analytics Viewer'] : [])],
    roles: i % 3 === 0 ? [{ role: i % 2 ? 'Admin' : 'Viewer', entity_type: 'Control Planes', entity: cp(i + 1).name, region: cp(i + 1).region }] : [],
  }));
  const owner = { email: 'owner@example.com', teams: ['Organization Admin'] };
  const teamDocs = teams.map((name, i) => ({ name, description: `Team number ${i}`, roles: [{ role: 'Viewer', entity_type: 'Control Planes', entity: '*', region: '*' }] }));
  return {
    seed: { _format_version: '1.0', control_planes: CPS, teams: teamDocs.slice(0, teamCount - 1), users: [owner, ...liveUsers] },
    desiredYaml: stringify({ _format_version: '1.0', teams: teamDocs, users: [owner, ...desiredUsers] }),
  };
}
