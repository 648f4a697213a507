/** The 300-user drifted scenario shared by the sync benchmarks (≈300 changes of every kind). */
import type { SeedDocument } from '../../src/local-org/index.js';
import type { DesiredState } from '../../src/model.js';
import { desiredFrom } from './harness.js';
import { driftedPair, seedOf, stateYaml } from './synthetic.js';

export const SYNC_USERS = 300;

export interface Scenario {
  desired: DesiredState;
  seed: SeedDocument;
}

export function syncScenario(): Scenario {
  const pair = driftedPair(SYNC_USERS, 3, { missing: 50, renamed: 50, movedTeam: 30, changedGrant: 30, extra: 10 });
  return { desired: desiredFrom(stateYaml(pair.desired)), seed: seedOf(pair.live) };
}

/** "invite 50, update 51, …" from a plan's changes. */
export function changeMix(changes: readonly { op: string; kind: string }[]): string {
  const names: Record<string, string> = {
    'create user': 'invite', 'update user': 'update', 'update team': 'update', 'delete user': 'delete',
    'create team-membership': 'join', 'delete team-membership': 'leave',
    'create user-role': 'grant', 'create team-role': 'grant', 'delete user-role': 'revoke', 'delete team-role': 'revoke',
  };
  const counts = new Map<string, number>();
  for (const c of changes) {
    const name = names[`${c.op} ${c.kind}`] ?? `${c.op} ${c.kind}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}
