/** load → fetch live → diff → plan, shared by `diff` and `sync`. */
import { buildPlan } from '../src/diff/diff.js';
import { scopeOf } from '../src/diff/scope.js';
import type { KonnectClient } from '../src/konnect/client.js';
import { fetchLiveState } from '../src/konnect/fetch.js';
import type { LiveState } from '../src/live.js';
import type { DesiredState } from '../src/model.js';
import type { Plan } from '../src/plan/types.js';
import type { OnProgress } from '../src/progress.js';
import type { Io } from './io.js';
import { loadStateFromPaths } from './state.js';

export interface Planned {
  desired: DesiredState;
  live: LiveState;
  plan: Plan;
}

export async function planFromPaths(paths: readonly string[], client: () => KonnectClient, io: Io, onProgress?: OnProgress): Promise<Planned> {
  // Validate before connecting: a broken file costs no API request.
  const { state: desired } = loadStateFromPaths(paths, io);
  const live = await fetchLiveState(client(), scopeOf(desired), onProgress);
  return { desired, live, plan: buildPlan(desired, live) };
}
