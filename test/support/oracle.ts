/**
 * What the org must hold after a sync, computed from the seed and the desired file alone —
 * independently of orgdeck's own fetch, diff and plan, so a blind spot they share cannot hide.
 * Supports what the test generators use: unlisted_users, teams present or absent, named
 * control planes (with their region) and "*".
 */
import { parse } from 'yaml';

type Doc = {
  _info?: { unlisted_users?: string };
  teams?: { name: string; roles?: GrantDoc[] }[];
  users?: { email: string; teams?: string[]; roles?: GrantDoc[] }[];
  control_planes?: { name: string; region: string; id: string }[];
};
type GrantDoc = { role: string; entity_type: string; entity: string; region?: string };

const OWNER = 'owner@example.com';
const SYSTEM = ['Organization Admin', 'Organization Admin (Read Only)', 'Analytics Admin', 'Analytics Viewer', 'Portal Admin', 'API Product Admin', 'API Product Developer', 'Control Plane Admin'];

export function expectedAfterSync(seed: Record<string, unknown>, desiredYaml: string): { access: Set<string>; users: string[] } {
  const live = seed as Doc;
  const want = parse(desiredYaml) as Doc;
  const ignore = want._info?.unlisted_users === 'ignore';
  const cps = live.control_planes ?? [];
  const grant = (g: GrantDoc) => {
    if (g.entity === '*') return `${g.role}/${g.entity_type}/*/${g.region ?? '*'}`;
    const cp = cps.find((c) => c.name === g.entity && (!g.region || c.region === g.region));
    if (!cp) throw new Error(`oracle: unknown entity ${g.entity}`);
    return `${g.role}/${g.entity_type}/${cp.id}/${cp.region}`;
  };
  const liveUsers = withOwner(live.users ?? []);
  const wantUsers = want.users ?? [];
  const listed = new Set(wantUsers.map((u) => u.email.toLowerCase()));
  const keptAsIs = ignore ? liveUsers.filter((u) => !listed.has(u.email.toLowerCase())) : [];
  const teamsAfter = new Set([...SYSTEM, ...(want.teams ? want.teams.map((t) => t.name) : (live.teams ?? []).map((t) => t.name))]);
  const access = new Set<string>();
  for (const u of [...wantUsers, ...keptAsIs]) {
    const email = u.email.toLowerCase();
    for (const t of u.teams ?? []) if (teamsAfter.has(t)) access.add(`member ${t}/${email}`);
    for (const g of u.roles ?? []) access.add(`role user ${email}/${grant(g)}`);
  }
  if (!want.teams) {
    // Custom teams are not the file's: their members and grants stay as they were.
    for (const u of liveUsers) for (const t of u.teams ?? []) if (!SYSTEM.includes(t)) access.add(`member ${t}/${u.email.toLowerCase()}`);
  }
  for (const t of want.teams ?? live.teams ?? []) for (const g of t.roles ?? []) access.add(`role team ${t.name}/${grant(g)}`);
  const users = [...new Set([...listed, ...keptAsIs.map((u) => u.email.toLowerCase())])].sort();
  return { access, users };
}

/** The local org adds its owner to Organization Admin when the seed does not list them. */
function withOwner(users: NonNullable<Doc['users']>): NonNullable<Doc['users']> {
  return users.some((u) => u.email === OWNER) ? users : [{ email: OWNER, teams: ['Organization Admin'] }, ...users];
}
