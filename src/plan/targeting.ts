/** The sentence a plan made with `diff --base` carries: how much of the organization it read. Pure. */
import type { Targets } from '../diff/targets.js';
import { plural } from '../text/plural.js';
import type { PlanTargeting } from './types.js';

/** "targeted: 3 people, 1 team read; the rest of the org was not checked". */
export function targetedRead(base: string, targets: Targets): PlanTargeting {
  const people = [...targets.emails].sort();
  const teams = [...targets.teams].sort();
  const accounts = [...targets.accounts].sort();
  const parts = [`${people.length} ${people.length === 1 ? 'person' : 'people'}`, plural(teams.length, 'team'), ...(accounts.length ? [plural(accounts.length, 'system account')] : [])];
  return {
    base,
    read: 'targeted',
    people,
    teams,
    ...(accounts.length ? { system_accounts: accounts } : {}),
    message: `targeted: ${parts.join(', ')} read; the rest of the org was not checked`,
  };
}

/** "full read: the base HEAD~1 cannot be read (…)": `reason` is one sentence without its full stop. */
export function fullRead(base: string, reason: string): PlanTargeting {
  return { base, read: 'full', reason, message: `full read: ${reason}` };
}
