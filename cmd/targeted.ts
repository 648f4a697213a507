/**
 * `diff --base REF|FILE`: a plan that reads from the org only what changed between the base and
 * the file (src/diff/targets.ts), and says so. When targeting would not be safe or cheap, the
 * whole organization is read as by a plain diff, and the plan says why in one sentence.
 */
import { restrictDesired, findTargets, type Targets } from '../src/diff/targets.js';
import { scopeOf } from '../src/diff/scope.js';
import { loadDesiredState } from '../src/file/load.js';
import type { Source } from '../src/file/source.js';
import type { KonnectClient } from '../src/konnect/client.js';
import type { FetchOptions } from '../src/konnect/fetch.js';
import { fetchTargetedState } from '../src/konnect/fetch-targeted.js';
import type { DesiredState } from '../src/model.js';
import { stampPlan } from '../src/plan/saved.js';
import { totalsNeeded } from '../src/plan/targeted-guards.js';
import { fullRead, targetedRead } from '../src/plan/targeting.js';
import { plural } from '../src/text/plural.js';
import { readBaseSources } from './base.js';
import type { Io } from './io.js';
import { DEFAULT_EXPIRING_WITHIN_MS, originOf, type Planned, planFromState } from './pipeline.js';
import { type Progress, SILENT } from './progress.js';
import { loadStateFromPaths } from './state.js';

export async function planTargeted(paths: readonly string[], base: string, client: () => KonnectClient, io: Io, progress: Pick<Progress, 'onEvent' | 'above'> = SILENT, fetchOpts: () => FetchOptions = () => ({}), expiringWithinMs = DEFAULT_EXPIRING_WITHIN_MS): Promise<Planned> {
  const { state: head, sources } = loadStateFromPaths(paths, io, (text) => progress.above(() => io.stderr(text)));
  // Only now: reading the token first would answer a broken file with "No Konnect token".
  const opts = fetchOpts();
  // One client for the run, whether a targeted read gives way to a full one or not.
  let made: KonnectClient | undefined;
  const connect = () => (made ??= client());
  const fallBack = async (reason: string): Promise<Planned> => {
    const planned = await planFromState(head, sources, connect, io, progress, opts, expiringWithinMs);
    return { ...planned, plan: { ...planned.plan, targeting: fullRead(base, reason) } };
  };
  const read = readBaseSources(base, paths, io);
  if ('unreadable' in read) return fallBack(read.unreadable);
  const loaded = loadDesiredState(read.sources, io.env);
  if (!loaded.state) return fallBack(`the state file at the base ${base} does not load (${plural(loaded.problems.length, 'problem')})`);
  const found = findTargets(loaded.state, head);
  if ('fullRead' in found) return fallBack(found.fullRead);
  if (opts.notUserToken || opts.systemAccount) return fallBack('the token is a system account\'s, and only a full read tells what that account may lose');
  const planned = await planTouched(head, sources, found.targets, connect(), io, expiringWithinMs);
  if ('fullRead' in planned) return fallBack(planned.fullRead);
  return { ...planned, plan: { ...planned.plan, targeting: targetedRead(base, planned.targets) } };
}

/** The plan of the touched set, or why it cannot stand without a full read. */
async function planTouched(head: DesiredState, sources: readonly Source[], targets: Targets, konnect: KonnectClient, io: Io, expiringWithinMs: number): Promise<(Planned & { targets: Targets }) | { fullRead: string }> {
  // What the touched declarations need: their entity lists, and the IdP only for a touched team that maps groups.
  const scope = scopeOf(restrictDesired(head, targets, new Set()));
  const fileMembers = (team: string) => head.users.filter((u) => u.teams.includes(team)).map((u) => u.email);
  const [read, { buildPlan }] = await Promise.all([
    fetchTargetedState(konnect, { ...targets, fileMembers, entityNeeds: scope.entityNeeds }, scope),
    import('../src/plan/build.js'),
  ]);
  if ('fullRead' in read) return read;
  const touched: Targets = { ...targets, emails: read.emails };
  const desired = restrictDesired(head, touched, read.members);
  const now = io.now?.() ?? new Date();
  const plan = buildPlan(desired, read.live, { now, expiringWithinMs, targets: touched });
  const gap = totalsNeeded(plan, read.live, head.info.guards);
  if (gap) return { fullRead: gap };
  return { desired: head, live: read.live, plan: stampPlan(plan, originOf(head, read.live, sources, konnect, now)), targets: touched };
}
