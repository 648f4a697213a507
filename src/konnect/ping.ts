/**
 * `orgdeck ping`'s reads: a handful of requests that say whether orgdeck can work here. The
 * organization (GET /v3/organizations/me) on the global host, one short list on each region
 * asked for, whom the token belongs to (whoami.ts, the rules every command follows), and whether
 * that principal may manage identity: a member of Organization Admin, or a holder of the
 * Identity Admin role, directly or through a team (konnect-api-notes: "Who may manage identity").
 * Every failure becomes one sentence in `problems`; nothing is thrown but a bug.
 */
import { ApiError, ConnectionError, ResponseError, UsageError } from '../errors.js';
import type { LiveGrant } from '../live.js';
import { type Host, ORG_ADMIN_TEAM, type Region } from '../model.js';
import type { KonnectClient } from './client.js';
import { listSystemAccounts } from './fetch-accounts.js';
import { listRoles } from './fetch.js';
import { listAll } from './paginate.js';
import type { HostCheck, PingPrincipal, PingReport, Rights } from './ping-report.js';
import { checkShape, SHAPES } from './shape.js';
import { askMe, decideWhoami } from './whoami.js';

export interface PingOptions {
  /** Regional hosts to reach besides global. */
  regions: readonly Region[];
  /** --konnect-system-account: the account a token that is not a user's belongs to. */
  systemAccount?: string;
  /** A `spat_…` token (or a named account): a refusal of GET /v3/users/me means "not a user". */
  notUserToken: boolean;
  now?: () => number;
}

export async function pingKonnect(client: KonnectClient, opts: PingOptions): Promise<Omit<PingReport, 'rateLimit'>> {
  const now = opts.now ?? Date.now;
  const problems: string[] = [];
  const reach = async <T>(host: Host, read: () => Promise<T>): Promise<{ check: HostCheck; value?: T }> => {
    const t0 = now();
    try {
      const value = await read();
      return { check: { host, ms: now() - t0 }, value };
    } catch (err) {
      const sentence = sentenceOf(err);
      const status = err instanceof ApiError ? err.api.status : err instanceof ResponseError ? err.status : undefined;
      // A region that answers as Konnect does is reached (a 403: no right to control planes);
      // what it thinks of the token, global has said already.
      if (host === 'global' || !(err instanceof ApiError) || err.api.status >= 500) problems.push(sentence);
      return { check: status !== undefined && status < 500 ? { host, ms: now() - t0, status } : { host, unreachable: true } };
    }
  };
  const [global, ...regional] = await Promise.all([
    reach('global', () => client.call('global', 'GET', '/v3/organizations/me').then((r) => checkShape(SHAPES.organization, r.body, 'GET', '/v3/organizations/me', r.status))),
    // The shortest regional list there is.
    ...opts.regions.map((region) => reach(region, () => client.call(region, 'GET', '/v2/control-planes', { query: { 'page[size]': 1 } }))),
  ]);
  const report: Omit<PingReport, 'rateLimit'> = { addr: client.addr, hosts: [global.check, ...regional.map((r) => r.check)], problems };
  // A refused token or an unreachable global host: nothing more can be learnt.
  if (!global.value) return report;
  report.organization = { id: global.value.id, name: global.value.name ?? '' };
  try {
    const who = await findPrincipal(client, opts);
    if (who.kind === 'unknown') {
      problems.push(`orgdeck cannot tell which system account the token belongs to (${who.how}), so it cannot check its rights. Name the account with --konnect-system-account NAME (or KONNECT_SYSTEM_ACCOUNT).`);
      return report;
    }
    report.principal = who;
    report.rights = await readRights(client, who);
    if (!report.rights.admin) problems.push(`${nameOf(who)} may not manage identity: ${report.rights.how}. Add it to ${ORG_ADMIN_TEAM} or give it the Identity Admin role; sync cannot change users, teams or roles without one of them.`);
  } catch (err) {
    problems.push(sentenceOf(err));
  }
  return report;
}

/** The token's principal, by the rules of whoami.ts, or how it could not be told. */
async function findPrincipal(client: KonnectClient, opts: PingOptions): Promise<PingPrincipal | { kind: 'unknown'; how: string }> {
  const me = await askMe(client, opts.notUserToken);
  // GET /v3/users/me answered with a user: that is whom the token belongs to, whether or not the list of users was read.
  if (me.ok && typeof me.body.email === 'string' && typeof me.body.id === 'string') {
    const who = decideWhoami(me, [{ id: me.body.id }], undefined, opts.systemAccount);
    if (who.kind === 'user') return { kind: 'user', id: who.id, email: who.email };
  }
  const accounts = await listSystemAccounts(client);
  const who = decideWhoami(me, [], accounts, opts.systemAccount);
  if (who.kind === 'unknown') return who;
  if (who.kind === 'user') return { kind: 'user', id: who.id, email: who.email };
  const account = who.kind === 'system-account' ? accounts.find((a) => a.id === who.id) : accounts.find((a) => a.name === (who as { name: string }).name);
  if (!account) throw new UsageError(`--konnect-system-account names "${opts.systemAccount}", but Konnect has no system account of that name (names compare exactly). Check the name.`);
  return { kind: 'system-account', id: account.id, name: account.name, how: who.how };
}

/** Organization Admin membership first, then Identity Admin held directly, then through a custom team. */
async function readRights(client: KonnectClient, who: PingPrincipal): Promise<Rights> {
  const base = who.kind === 'user' ? `/v3/users/${who.id}` : `/v3/system-accounts/${who.id}`;
  const [memberOf, direct, teams] = await Promise.all([
    listAll(client, 'global', `${base}/teams`, SHAPES.teamIds),
    listRoles(client, `${base}/assigned-roles`),
    listAll(client, 'global', '/v3/teams', SHAPES.teams),
  ]);
  const ids = new Set(memberOf.map((t) => t.id));
  const mine = teams.filter((t) => ids.has(t.id));
  if (mine.some((t) => t.system_team && t.name === ORG_ADMIN_TEAM)) return { admin: true, how: `a member of ${ORG_ADMIN_TEAM}` };
  if (direct.some(isIdentityAdmin)) return { admin: true, how: 'holds the Identity Admin role' };
  for (const team of mine.filter((t) => !t.system_team)) {
    if ((await listRoles(client, `/v3/teams/${team.id}/assigned-roles`)).some(isIdentityAdmin)) return { admin: true, how: `holds the Identity Admin role through team ${team.name}` };
  }
  return { admin: false, how: `it is not in ${ORG_ADMIN_TEAM} and holds no Identity Admin role, directly or through its ${mine.length} ${mine.length === 1 ? 'team' : 'teams'}` };
}

function isIdentityAdmin(g: LiveGrant): boolean {
  return g.entityType === 'Identity' && g.role === 'Admin';
}

function nameOf(who: PingPrincipal): string {
  return who.kind === 'user' ? `The user ${who.email}` : `The system account "${who.name}"`;
}

/** The errors a read can end in are sentences already; anything else is a bug. */
function sentenceOf(err: unknown): string {
  if (err instanceof ApiError || err instanceof ConnectionError || err instanceof ResponseError || err instanceof UsageError) return err.message;
  throw err;
}
