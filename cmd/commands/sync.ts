/** `orgdeck sync [PATH...]`: make the organization match the file, safely. */
import type { Command } from 'commander';
import { UsageError } from '../../src/errors.js';
import { withoutDeletes } from '../../src/plan/filter.js';
import { againstLive } from '../../src/plan/complete.js';
import { refuseOrApply } from '../apply-plan.js';
import { MAX_PLAN_AGE_HOURS } from '../../src/plan/saved.js';
import { syncSavedPlan } from './sync-plan.js';
import { addConnectionOptions, type ConnectionFlags, fetchOptions, makeClient, progressFor } from '../connection.js';
import { cameFromEnv } from '../env-flags.js';
import { unlessInterrupted } from '../interrupt.js';
import type { Io } from '../io.js';
import { openLog } from '../log.js';
import { planFromPaths } from '../pipeline.js';
import type { ExitBox } from '../exit-box.js';
import { addOutputFileOption, checkOutputFile } from '../output.js';
import type { Progress } from '../progress.js';
import { checkFormat, SHOW_PENDING_HELP, writePlan } from '../render.js';
import { plural } from '../../src/text/plural.js';

interface SyncFlags extends ConnectionFlags {
  dryRun?: boolean;
  yes?: boolean;
  deletes: boolean;
  force?: boolean;
  logFile?: string;
  format: string;
  out?: string;
  showPending?: boolean;
  plan?: string;
  maxPlanAge?: string;
  maxDeletionPercent?: string;
  deletionsAlwaysAllowed?: string;
}

export function registerSync(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program
    .command('sync')
    .description('apply the changes: invite, update and delete until the organization matches the file')
    .argument('[path...]', 'state files, directories, or - for stdin (default: orgdeck.yaml)')
    .option('--plan <plan.json>', 'apply exactly this saved plan (from diff --out), after checking it still holds; reads no state file')
    .option('--max-plan-age <hours>', `with --plan: refuse a plan made longer ago than this (default ${MAX_PLAN_AGE_HOURS})`)
    .option('--max-deletion-percent <n>', 'with --plan: the mass-deletion limit, a share of a kind (default 25; the plan\'s own is not used)')
    .option('--deletions-always-allowed <n>', 'with --plan: deletions of a kind that always pass (default 3; the plan\'s own is not used)')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--yes', 'apply without asking (needed for any change when there is no terminal)')
    .option('--no-deletes', 'apply creates and updates only; say what was left')
    .option('--force', 'override the guards that can be: mass deletion (over 25%), deleting teams with unlisted members')
    .option('--log-file <path>', 'append one JSON line per API write (never the token)')
    .option('--format <format>', 'with --dry-run: text, json or markdown', 'text')
    .option('--show-pending', SHOW_PENDING_HELP);
  addOutputFileOption(cmd, 'also write the plan as JSON to this file (--out works too)');
  addConnectionOptions(cmd).action(async (paths: string[], flags: SyncFlags) => {
    const log = flags.logFile ? openLog(flags.logFile, io.secrets) : undefined;
    const progress = progressFor(flags, io);
    const client = () => makeClient(flags, io, log?.onAttempt, progress);
    try {
      exit.code = flags.plan ? await syncSavedPlan(flags.plan, paths, flags, client, io, progress) : await sync(paths.length ? paths : ['orgdeck.yaml'], flags, client, io, progress);
    } finally {
      progress.stop();
      log?.close();
    }
  });
}

async function sync(paths: string[], flags: SyncFlags, client: () => ReturnType<typeof makeClient>, io: Io, progress: Progress): Promise<number> {
  for (const [flag, value] of [['--max-plan-age', flags.maxPlanAge], ['--max-deletion-percent', flags.maxDeletionPercent], ['--deletions-always-allowed', flags.deletionsAlwaysAllowed]] as [string, unknown][]) {
    if (value !== undefined && !cameFromEnv(io, flag, value)) throw new UsageError(`${flag} goes with --plan: a sync from state files makes its plan now, with the file's _info.guards.`);
  }
  const format = !flags.dryRun && cameFromEnv(io, '--format', flags.format) ? 'text' : checkFormat(flags.format, io);
  if (format !== 'text' && !flags.dryRun) throw new UsageError(`--format ${format} goes with --dry-run (or use orgdeck diff --format ${format}); a sync prints its steps as text.`);
  checkOutputFile(flags.out, paths, 'the plan', 'sync');
  let theClient: ReturnType<typeof makeClient> | undefined;
  const lazy = () => (theClient ??= client());
  const planned = await unlessInterrupted(io, progress, 'changed', planFromPaths(paths, lazy, io, progress, () => fetchOptions(flags, io)), () => theClient?.abandon('interrupted'));
  // The plan, a question or step lines come next: the reading line has said its piece.
  progress.pause();
  // Refusals are those of the plan that would run: --no-deletes may lift a mass-deletion refusal.
  const plan = flags.deletes ? planned.plan : againstLive(withoutDeletes(planned.plan), planned.live, planned.desired.info.guards);
  if (flags.out) writePlan(flags.out, plan, io);
  const left = planned.plan.changes.length - plan.changes.length;
  const note = left > 0 ? `--no-deletes: left ${plural(left, 'deletion')} in place; run without --no-deletes to apply them.\n` : '';
  return refuseOrApply(plan, { ...flags, format }, lazy, io, note, progress);
}
