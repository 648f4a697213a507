/** What a plan says about the org it meets, computed wherever a plan meets a live org: refusals, and who gains and loses what. */
import type { LiveState } from '../live.js';
import type { DeletionLimits } from '../model.js';
import { accessChanges } from './access-changes.js';
import { liveAfterRenames } from './renamed-live.js';
import { withRefusals } from './refusals.js';
import type { Plan } from './types.js';

export function againstLive(plan: Plan, asRead: LiveState, limits?: DeletionLimits): Plan {
  // Judged against the org as the plan names it: a team or account it renames under its new name.
  const live = liveAfterRenames(plan, asRead);
  const { access_changes: _old, ...refused } = withRefusals(plan, live, limits);
  const access = accessChanges(refused, live);
  return access.length ? { ...refused, access_changes: access } : refused;
}
