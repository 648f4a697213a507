/**
 * The end of every sync, from a state file or a saved plan: refuse, show, ask, apply, report.
 * Nothing is written before the refusals are checked and the plan is confirmed.
 */
import { applyPlan, countResults, type StepResult } from '../src/apply/apply.js';
import { ApplyError, EXIT, UnsafePlanError } from '../src/errors.js';
import type { KonnectClient } from '../src/konnect/client.js';
import { describeWithReason } from '../src/plan/describe.js';
import { refusalMessages } from '../src/plan/guards.js';
import { standingRefusals } from '../src/plan/refusals.js';
import { noteLines, renderText } from '../src/plan/render-text.js';
import { hasDrift, type Plan } from '../src/plan/types.js';
import { plural } from '../src/text/plural.js';
import { escapeLines } from '../src/text/terminal.js';
import { type Io, useColour } from './io.js';
import { type Progress, SILENT } from './progress.js';
import { reportStop, watchForStop } from './stopping.js';
import { type Format, renderPlan } from './render.js';

export interface ApplyFlags {
  dryRun?: boolean;
  yes?: boolean;
  force?: boolean;
  format: Format;
  showPending?: boolean;
}

/** Exit code of the sync; throws UnsafePlanError (exit 3) or ApplyError (exit 1). `note` ends the output (--no-deletes). */
export async function refuseOrApply(planned: Plan, flags: ApplyFlags, client: () => KonnectClient, io: Io, note = '', progress: Progress = SILENT): Promise<number> {
  const refusals = standingRefusals(planned.refusals, Boolean(flags.force));
  // What is shown is the plan this sync runs: the refusals --force lifts are said apart, on stderr.
  const plan = { ...planned, refusals };
  const lifted = planned.refusals.filter((r) => !refusals.includes(r));
  if (lifted.length > 0 && refusals.length === 0) io.stderr(`--force: sync ${flags.dryRun ? 'would apply' : 'applies'} this plan past ${plural(lifted.length, 'guard')} it overrides:\n${lifted.map((r) => `  - ${escapeLines(r.message)}\n`).join('')}`);
  if (flags.dryRun) {
    // A dry run shows the plan even when sync would refuse it: that is what there is to review.
    io.stdout(renderPlan(plan, flags.format, io, flags.showPending));
    if (refusals.length > 0) throw new UnsafePlanError(refusalMessages(refusals));
    return EXIT.ok;
  }
  if (refusals.length > 0) throw new UnsafePlanError(refusalMessages(refusals));
  const text = () => renderText(plan, { colour: useColour(io), showPending: flags.showPending ?? false });
  if (!hasDrift(plan)) {
    io.stdout(note ? `Nothing to create or update. ${note}` : text());
    return EXIT.ok;
  }
  if (!flags.yes && !(await confirmed(plan, text(), io))) return EXIT.error;
  // Applying without a question shows no plan; what it leaves alone on purpose is still said.
  if (flags.yes) for (const line of noteLines(plan)) io.stdout(`${line}\n`);
  return applyAndReport(plan, client(), io, note, progress);
}

/** Any change is confirmed: on a terminal by a question, elsewhere by --yes. */
async function confirmed(plan: Plan, shown: string, io: Io): Promise<boolean> {
  io.stdout(shown);
  const n = plan.changes.length;
  if (!io.isTTY) {
    io.stderr(`The plan makes ${plural(n, 'change')}, and there is no terminal to confirm on. Review it above (or with orgdeck diff), then re-run with --yes to apply it.\n`);
    return false;
  }
  const deletions = plan.summary.delete > 0 ? `, ${plan.summary.delete} of them deletions` : '';
  if (await io.confirm(`Apply ${plural(n, 'change')}${deletions}?`)) return true;
  io.stderr('Nothing was changed.\n');
  return false;
}

async function applyAndReport(plan: Plan, client: KonnectClient, io: Io, note: string, progress: Progress): Promise<number> {
  let n = 0;
  const total = plan.changes.length;
  const stopping = watchForStop(client, io, progress);
  progress.onEvent({ type: 'apply', done: 0, total });
  const report = await applyPlan(plan, { client, userIds: new Map(), teamIds: new Map(), accountIds: new Map(), onNotice: (text) => progress.above(() => io.stdout(`Note: ${text}\n`)), halted: stopping.halted }, (r) => {
    if (r.status === 'not-started') return;
    n++;
    progress.above(() => io.stdout(`[${n}/${total}] ${stepLine(r)}\n`));
    progress.onEvent({ type: 'apply', done: n, total });
  }).finally(() => stopping.dispose());
  progress.stop();
  const counts = countResults(report);
  io.stdout(note);
  const stopped = reportStop(report, counts, stopping, io, stepLine);
  if (stopped !== undefined) return stopped;
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
  const what = describeWithReason(r.change);
  if (r.status === 'done') return `${what}: done`;
  if (r.status === 'already') return `${what}: already done`;
  if (r.status === 'skipped') return `${what}: skipped, ${r.reason}`;
  return `${what} failed: ${r.reason}`;
}
