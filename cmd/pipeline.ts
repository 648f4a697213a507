/** load → fetch live → diff → plan (stamped with where it was made), shared by `diff` and `sync`. */
import { appliedRenames } from '../src/diff/renames.js';
import { scopeOf } from '../src/diff/scope.js';
import { digestSources } from '../src/file/digest.js';
import type { KonnectClient } from '../src/konnect/client.js';
import { type FetchOptions, fetchLiveState } from '../src/konnect/fetch.js';
import type { LiveState } from '../src/live.js';
import { type DesiredState, ORG_ADMIN_TEAM } from '../src/model.js';
import { planScopeOf, publicAddr, stampPlan } from '../src/plan/saved.js';
import type { Plan, PlanOrigin } from '../src/plan/types.js';
import type { Source } from '../src/file/source.js';
import { VERSION } from '../src/version.js';
import { escapeControls } from '../src/text/terminal.js';
import { DEFAULT_EXPIRING_WITHIN, parseExpiringWithin } from './expiring-within.js';

export const DEFAULT_EXPIRING_WITHIN_MS = parseExpiringWithin(DEFAULT_EXPIRING_WITHIN);
import type { Io } from './io.js';
import { type Progress, SILENT } from './progress.js';
import { loadStateFromPaths } from './state.js';

export interface Planned {
  desired: DesiredState;
  live: LiveState;
  plan: Plan;
}

/**
 * `expiringWithinMs`: the plan lists access that expires within this much of now (diff
 * --expiring-within; sync shows the default window).
 */
export async function planFromPaths(paths: readonly string[], client: () => KonnectClient, io: Io, progress: Pick<Progress, 'onEvent' | 'above'> = SILENT, fetchOpts: () => FetchOptions = () => ({}), expiringWithinMs = DEFAULT_EXPIRING_WITHIN_MS): Promise<Planned> {
  // Validate before connecting (and before reading the token): a broken file costs no API
  // request, and a file that narrows what is read never has anyone outside its scope read.
  const { state: desired, sources } = loadStateFromPaths(paths, io, (text) => progress.above(() => io.stderr(text)));
  return planFromState(desired, sources, client, io, progress, fetchOpts(), expiringWithinMs);
}

/** The plan of a loaded state file against the whole organization (its scope read in full). */
export async function planFromState(desired: DesiredState, sources: readonly Source[], client: () => KonnectClient, io: Io, progress: Pick<Progress, 'onEvent'> = SILENT, opts: FetchOptions = {}, expiringWithinMs = DEFAULT_EXPIRING_WITHIN_MS): Promise<Planned> {
  const scope = scopeOf(desired);
  const konnect = client();
  const reading = fetchLiveState(konnect, scope, progress.onEvent, opts);
  // The diff and plan engine loads while the reads are under way: it is not needed before they are done.
  const engine = import('../src/plan/build.js');
  const live = await reading;
  const { buildPlan } = await engine;
  const now = io.now?.() ?? new Date();
  sayWhoseToken(live, io);
  for (const done of appliedRenames(desired, live)) io.stderr(`Warning: ${escapeControls(done)}\n`);
  const plan = stampPlan(buildPlan(desired, live, { now, expiringWithinMs }), originOf(desired, live, sources, konnect, now));
  return { desired, live, plan };
}

/** Where and from what a plan was made (plan/saved.ts checks it before a saved plan is applied). */
export function originOf(desired: DesiredState, live: LiveState, sources: readonly Source[], konnect: KonnectClient, now: Date): PlanOrigin {
  return {
    orgdeck_version: VERSION,
    created_at: now.toISOString(),
    organization: { ...(live.organization ?? { id: '', name: '' }), ...adminTeamOf(live) },
    konnect_addr: publicAddr(konnect.addr),
    state_digest: digestSources(sources),
    scope: planScopeOf(scopeOf(desired), desired.info.guards),
  };
}

/** The id of the org's Organization Admin team, which binds a saved plan to its org (plan/saved.ts). */
function adminTeamOf(live: LiveState): { admin_team_id?: string } {
  const team = live.teams.find((t) => t.system && t.name === ORG_ADMIN_TEAM);
  return team ? { admin_team_id: team.id } : {};
}

/** A token that is not a user's: say whose orgdeck decided it is, and how (stderr, once). */
export function sayWhoseToken(live: LiveState, io: Io): void {
  const t = live.tokenAccount;
  if (!t) return;
  const who = t.account ? `runs as system account "${t.account.name}"` : 'cannot tell which system account the token belongs to';
  io.stderr(`Note: orgdeck ${escapeControls(`${who}: ${t.how}`)}.\n`);
}
