/**
 * `orgdeck sync --plan plan.json`: apply exactly a saved plan. No state file is read. The plan is
 * checked as a whole first (cmd/plan-file.ts: its shape, its dependencies, its age); before the
 * first write the whole organization is read again and the plan refused, exit 3, when it was
 * made for another organization or any fact it depends on has moved (when every change is in
 * place already, it says "already applied: nothing to do" and exits 0 instead); then the guards
 * run again on it, as on any plan. Nothing that judges the plan comes from the plan file: the guards'
 * limits are the defaults or the command line's, the scope read is the whole organization.
 */
import { EXIT, UnsafePlanError, UsageError } from '../../src/errors.js';
import { fetchLiveState } from '../../src/konnect/fetch.js';
import { DEFAULT_DELETION_LIMITS, type DeletionLimits } from '../../src/model.js';
import type { KonnectClient } from '../../src/konnect/client.js';
import { movedFacts } from '../../src/plan/moved.js';
import { againstLive } from '../../src/plan/complete.js';
import { countInPlace } from '../../src/plan/in-place.js';
import type { Plan } from '../../src/plan/types.js';
import { MAX_PLAN_AGE_HOURS, otherOrganization, planTooOld, savedPlanScope } from '../../src/plan/saved.js';
import { plural } from '../../src/text/plural.js';
import { refuseOrApply } from '../apply-plan.js';
import { type ConnectionFlags, fetchOptions } from '../connection.js';
import { type Progress, SILENT } from '../progress.js';
import type { Io } from '../io.js';
import { sayWhoseToken } from '../pipeline.js';
import { readPlanFile } from '../plan-file.js';
import { checkFormat, type Format, renderPlan } from '../render.js';
import { cameFromEnv } from '../env-flags.js';

export interface SavedPlanFlags extends ConnectionFlags {
  dryRun?: boolean;
  yes?: boolean;
  force?: boolean;
  deletes: boolean;
  format: string;
  out?: string;
  maxPlanAge?: string;
  maxDeletionPercent?: string;
  deletionsAlwaysAllowed?: string;
}

export async function syncSavedPlan(file: string, paths: readonly string[], flags: SavedPlanFlags, client: () => KonnectClient, io: Io, progress: Progress = SILENT): Promise<number> {
  if (paths.length > 0) throw new UsageError(`--plan applies ${file} and reads no state file; drop ${paths.map((p) => `"${p}"`).join(', ')}, or drop --plan to sync from the files.`);
  if (!flags.deletes) throw new UsageError('--no-deletes does not go with --plan: a saved plan is applied exactly as it was reviewed. Make a plan without deletions instead (orgdeck sync --dry-run --no-deletes --out plan.json).');
  // ORGDECK_OUTPUT_FILE and ORGDECK_FORMAT set for the diff that made the plan are not this sync's.
  if (flags.out && !cameFromEnv(io, '--output-file', flags.out)) throw new UsageError(`--out does not go with --plan: ${file} is the plan.`);
  const format = !flags.dryRun && cameFromEnv(io, '--format', flags.format) ? 'text' : checkFormat(flags.format, io);
  if (format !== 'text' && !flags.dryRun) throw new UsageError(`--format ${format} goes with --dry-run; a sync prints its steps as text.`);
  const maxHours = maxPlanAge(flags.maxPlanAge);
  const limits = limitsOf(flags);
  const saved = readPlanFile(file);
  const tooOld = planTooOld(saved.origin, io.now?.() ?? new Date(), maxHours);
  if (tooOld) throw new UnsafePlanError([tooOld]);
  const konnect = client();
  const live = await fetchLiveState(konnect, savedPlanScope(saved), progress.onEvent, fetchOptions(flags, io));
  progress.pause();
  sayWhoseToken(live, io);
  const other = otherOrganization(saved.origin, live);
  if (other) throw new UnsafePlanError([other]);
  const total = saved.changes.length;
  const done = countInPlace(saved.changes, live);
  if (total > 0 && done === total) return sayAlreadyApplied(file, saved, { ...flags, format }, io);
  const moved = movedFacts(saved, live);
  if (moved.length > 0) {
    const head = `${file} (made ${saved.origin.created_at}) no longer matches the organization: ${plural(moved.length, 'fact')} it depends on ${moved.length === 1 ? 'has' : 'have'} moved. Make a new plan (orgdeck diff --out ${file}), review it, and apply that.`;
    // Part of it in place is no licence to apply the rest: the rest was reviewed beside what moved.
    const part = done > 0 ? ` ${done} of its ${plural(total, 'change')} ${done === 1 ? 'is' : 'are'} in place already (applied before, or made by hand); the others are not applied on their own.` : '';
    throw new UnsafePlanError([head + part, ...moved]);
  }
  const judged = againstLive(saved, live, limits);
  // The sentence names _info.guards; a saved plan's are not used, and the way to other limits differs.
  const where = `With --plan the limits are ${limits.maxPercent}% and ${limits.alwaysAllowed} (--max-deletion-percent, --deletions-always-allowed), never the plan's own.`;
  const refusals = judged.refusals.map((r) => (r.guard === 'mass-deletion' ? { ...r, message: `${r.message} ${where}` } : r));
  return refuseOrApply({ ...judged, refusals }, { ...flags, format }, () => konnect, io, '', progress);
}

/**
 * Every change of the plan is in place: applying it again would write nothing, so it is not a
 * refusal but success (exit 0). A JSON or markdown dry run gets the plan with nothing left in it.
 */
function sayAlreadyApplied(file: string, saved: Plan, flags: { dryRun?: boolean; format: Format }, io: Io): number {
  const n = saved.changes.length;
  const which = n === 1 ? 'The 1 change' : `All ${plural(n, 'change')}`;
  const sentence = `${file}: already applied: nothing to do. ${which} of the plan made ${saved.origin?.created_at} ${n === 1 ? 'is' : 'are'} in place in the organization.\n`;
  if (flags.dryRun && flags.format !== 'text') {
    io.stderr(sentence);
    io.stdout(renderPlan({ ...saved, changes: [], summary: { create: 0, update: 0, delete: 0 }, refusals: [] }, flags.format, io));
  } else io.stdout(sentence);
  return EXIT.ok;
}

/** The mass-deletion limits: the defaults, or the command line's. */
function limitsOf(flags: SavedPlanFlags): DeletionLimits {
  const number = (value: string | undefined, flag: string, fallback: number, whole: boolean) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!(Number.isFinite(n) && n >= 0 && (!whole || Number.isInteger(n)))) throw new UsageError(`${flag} takes ${whole ? 'a whole number' : 'a number'} of 0 or more, not "${value}".`);
    return n;
  };
  return {
    maxPercent: number(flags.maxDeletionPercent, '--max-deletion-percent', DEFAULT_DELETION_LIMITS.maxPercent, false),
    alwaysAllowed: number(flags.deletionsAlwaysAllowed, '--deletions-always-allowed', DEFAULT_DELETION_LIMITS.alwaysAllowed, true),
  };
}

function maxPlanAge(value: string | undefined): number {
  if (value === undefined) return MAX_PLAN_AGE_HOURS;
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`--max-plan-age takes a number of hours above 0, not "${value}".`);
  return n;
}
