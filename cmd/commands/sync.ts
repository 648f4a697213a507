/** `orgdeck sync [PATH...]`: make the organization match the file, safely. */
import type { Command } from 'commander';
import { applyPlan, countResults, type StepResult } from '../../src/apply/apply.js';
import { hasDrift } from '../../src/diff/diff.js';
import { ApplyError, EXIT, UnsafePlanError, UsageError } from '../../src/errors.js';
import { describeChange } from '../../src/plan/describe.js';
import { withoutDeletes } from '../../src/plan/filter.js';
import { checkGuards, refusalMessages } from '../../src/plan/guards.js';
import { noteLines, renderText } from '../../src/plan/render-text.js';
import { addConnectionOptions, type ConnectionFlags, makeClient } from '../connection.js';
import { type Io, useColour } from '../io.js';
import { openLog } from '../log.js';
import { planFromPaths } from '../pipeline.js';
import type { ExitBox } from '../program.js';
import { addOutputFileOption } from '../output.js';
import { checkFormat, renderPlan, writePlan } from '../render.js';
import { plural } from '../../src/text/plural.js';

interface SyncFlags extends ConnectionFlags {
  dryRun?: boolean;
  yes?: boolean;
  deletes: boolean;
  force?: boolean;
  logFile?: string;
  format: string;
  out?: string;
}

export function registerSync(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program
    .command('sync')
    .description('apply the changes: invite, update and delete until the organization matches the file')
    .argument('[path...]', 'state files, directories, or - for stdin', ['orgdeck.yaml'])
    .option('--dry-run', 'show the plan and change nothing')
    .option('--yes', 'do not ask before deleting')
    .option('--no-deletes', 'apply creates and updates only; say what was left')
    .option('--force', 'override the guards that can be: mass deletion (over 25%), deleting teams with unlisted members')
    .option('--log-file <path>', 'append one JSON line per API write (never the token)')
    .option('--format <format>', 'with --dry-run: text, json or markdown', 'text');
  addOutputFileOption(cmd, 'also write the plan as JSON to this file (--out works too)');
  addConnectionOptions(cmd).action(async (paths: string[], flags: SyncFlags) => {
    const log = flags.logFile ? openLog(flags.logFile) : undefined;
    const client = () => makeClient(flags, io, log?.onAttempt);
    try {
      exit.code = await sync(paths, flags, client, io);
    } finally {
      log?.close();
    }
  });
}

async function sync(paths: string[], flags: SyncFlags, client: () => ReturnType<typeof makeClient>, io: Io): Promise<number> {
  const format = checkFormat(flags.format);
  if (format !== 'text' && !flags.dryRun) throw new UsageError(`--format ${format} goes with --dry-run (or use orgdeck diff --format ${format}); a sync prints its steps as text.`);
  let theClient: ReturnType<typeof makeClient> | undefined;
  const lazy = () => (theClient ??= client());
  const planned = await planFromPaths(paths, lazy, io);
  const plan = flags.deletes ? planned.plan : withoutDeletes(planned.plan);
  if (flags.out) writePlan(flags.out, plan);
  const refusals = checkGuards(plan, planned.live, { force: Boolean(flags.force) });
  if (flags.dryRun) {
    // A dry run shows the plan even when sync would refuse it: that is what there is to review.
    io.stdout(renderPlan(plan, format, io));
    if (refusals.length > 0) throw new UnsafePlanError(refusalMessages(refusals));
    return EXIT.ok;
  }
  if (refusals.length > 0) throw new UnsafePlanError(refusalMessages(refusals));
  const left = planned.plan.changes.length - plan.changes.length;
  const leftNote = left > 0 ? `--no-deletes: left ${plural(left, 'deletion')} in place; run without --no-deletes to apply them.\n` : '';
  const confirming = plan.summary.delete > 0 && !flags.yes;
  // The full plan is for review; when applying without a question, the step lines say it all.
  if (!hasDrift(plan) && left > 0) {
    io.stdout(`Nothing to create or update. ${leftNote}`);
    return EXIT.ok;
  }
  if (confirming || !hasDrift(plan)) io.stdout(renderText(plan, { colour: useColour(io) }));
  else for (const line of noteLines(plan)) io.stdout(`${line}\n`);
  if (!hasDrift(plan)) {
    io.stdout(leftNote);
    return EXIT.ok;
  }
  if (confirming) {
    if (!io.isTTY) {
      io.stderr('The plan deletes, and there is no terminal to confirm on. Re-run with --yes to apply it.\n');
      return EXIT.error;
    }
    if (!(await io.confirm(`Apply ${plan.changes.length} changes, ${plan.summary.delete} of them deletions?`))) {
      io.stderr('Nothing was changed.\n');
      return EXIT.error;
    }
  }
  let n = 0;
  const total = plan.changes.length;
  const report = await applyPlan(plan, { client: lazy(), userIds: new Map(), teamIds: new Map() }, (r) => {
    n++;
    io.stdout(`[${n}/${total}] ${stepLine(r)}\n`);
  });
  const counts = countResults(report);
  io.stdout(leftNote);
  io.stdout(`Done: ${counts.done + counts.already} applied (${counts.already} were already in place), ${counts.failed} failed, ${counts.skipped} skipped.\n`);
  if (counts.failed + counts.skipped > 0) {
    // Repeated at the end: in a long run the step lines have scrolled away.
    for (const status of ['failed', 'skipped'] as const) {
      const steps = report.results.filter((r) => r.status === status);
      if (steps.length) io.stdout(`${status === 'failed' ? 'Failed' : 'Skipped'}:\n${steps.map((r) => `  - ${stepLine(r)}\n`).join('')}`);
    }
    throw new ApplyError(`${plural(counts.failed, 'step')} failed and ${counts.skipped} ${counts.skipped === 1 ? 'was' : 'were'} skipped (see above). Fix the cause and run sync again: it picks up where this run stopped.`);
  }
  return EXIT.ok;
}

function stepLine(r: StepResult): string {
  const what = describeChange(r.change);
  if (r.status === 'done') return `${what}: done`;
  if (r.status === 'already') return `${what}: already done`;
  if (r.status === 'skipped') return `${what}: skipped, ${r.reason}`;
  return `${what} failed: ${r.reason}`;
}
