/** load → fetch live → diff → plan (stamped with where it was made), shared by `diff` and `sync`. */
import { buildPlan } from '../src/diff/diff.js';
import { scopeOf } from '../src/diff/scope.js';
import { digestSources } from '../src/file/digest.js';
import type { KonnectClient } from '../src/konnect/client.js';
import { fetchLiveState } from '../src/konnect/fetch.js';
import type { LiveState } from '../src/live.js';
import type { DesiredState } from '../src/model.js';
import { planScopeOf, publicAddr, stampPlan } from '../src/plan/saved.js';
import type { Plan } from '../src/plan/types.js';
import type { OnProgress } from '../src/progress.js';
import { VERSION } from '../src/version.js';
import type { Io } from './io.js';
import { loadStateFromPaths } from './state.js';

export interface Planned {
  desired: DesiredState;
  live: LiveState;
  plan: Plan;
}

export async function planFromPaths(paths: readonly string[], client: () => KonnectClient, io: Io, onProgress?: OnProgress): Promise<Planned> {
  // Validate before connecting: a broken file costs no API request.
  const { state: desired, sources } = loadStateFromPaths(paths, io);
  const now = io.now?.() ?? new Date();
  const scope = scopeOf(desired);
  const konnect = client();
  const live = await fetchLiveState(konnect, scope, onProgress);
  const plan = stampPlan(buildPlan(desired, live, { now }), {
    orgdeck_version: VERSION,
    created_at: now.toISOString(),
    organization: live.organization ?? { id: '', name: '' },
    konnect_addr: publicAddr(konnect.addr),
    state_digest: digestSources(sources),
    scope: planScopeOf(scope, desired.info.guards),
  });
  return { desired, live, plan };
}
