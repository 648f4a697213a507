/** Random but reproducible live/desired pairs for property tests. */
import { stringify } from 'yaml';

export { mulberry32 } from '../../src/local-org/http/faults.js';
import { mulberry32 } from '../../src/local-org/http/faults.js';

export interface Pair {
  seed: Record<string, unknown>;
  desiredYaml: string;
}

const OWNER = 'owner@example.com';
const CPS = [
  { name: 'cp-us', region: 'us', id: 'c0000000-0000-4000-8000-000000000001' },
  { name: 'cp-eu', region: 'eu', id: 'c0000000-0000-4000-8000-000000000002' },
];

export function randomPair(seedNumber: number, size = { users: 10, teams: 4 }): Pair {
  const r = mulberry32(seedNumber);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const some = <T>(xs: readonly T[], p: number) => xs.filter(() => r() < p);
  const emails = Array.from({ length: size.users }, (_, i) => `u${i}@example.com`);
  const teams = Array.from({ length: size.teams }, (_, i) => `T${i}`);
  const systemTeams = ['Analytics Viewer', 'Portal Admin'];
  const grant = () => {
    const kind = r();
    if (kind < 0.5) {
      const cp = pick(CPS);
      return { role: pick(['Admin', 'Viewer', 'Deployer']), entity_type: 'Control Planes', entity: cp.name, region: cp.region };
    }
    if (kind < 0.8) return { role: pick(['Admin', 'Viewer']), entity_type: 'Control Planes', entity: '*', region: '*' };
    return { role: 'Admin', entity_type: 'Audit Logs', entity: '*', region: '*' };
  };
  const grants = () => dedupe(Array.from({ length: Math.floor(r() * 3) }, grant));
  const side = (status: boolean) => {
    const ts = some(teams, 0.6);
    const users = some(emails, 0.7).map((email) => ({
      email,
      ...(r() < 0.7 ? { full_name: pick(['Ann', 'Bob', 'Cy']) } : {}),
      ...(status && r() < 0.2 ? { status: 'pending' } : {}),
      teams: some([...ts, ...systemTeams], 0.4),
      roles: grants(),
    }));
    return {
      teams: ts.map((name) => ({ name, ...(r() < 0.5 ? { description: pick(['one', 'two']) } : {}), roles: grants() })),
      users: [{ email: OWNER, teams: ['Organization Admin'] }, ...users],
    };
  };
  const live = side(true);
  const desired = side(false);
  const unlisted = r() < 0.3 ? 'ignore' : 'remove';
  return {
    seed: { _format_version: '1.0', control_planes: CPS, ...live },
    desiredYaml: stringify({ _format_version: '1.0', _info: { unlisted_users: unlisted }, ...desired }),
  };
}

function dedupe<T>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
