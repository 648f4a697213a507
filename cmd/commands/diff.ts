/** `orgdeck diff [PATH...]`: what sync would do, as text, JSON or markdown. Exit 2 on drift when asked. */
import type { Command } from 'commander';
import { EXIT, UsageError } from '../../src/errors.js';
import { hasDrift, type Plan } from '../../src/plan/types.js';
import { escapeLines } from '../../src/text/terminal.js';
import { addConnectionOptions, type ConnectionFlags, fetchOptions, makeClient, progressFor } from '../connection.js';
import { unlessInterrupted } from '../interrupt.js';
import type { Io } from '../io.js';
import { planFromPaths } from '../pipeline.js';
import { planTargeted } from '../targeted.js';
import type { ExitBox } from '../exit-box.js';
import { DEFAULT_EXPIRING_WITHIN, parseExpiringWithin } from '../expiring-within.js';
import { addOutputFileOption, checkOutputFile } from '../output.js';
import { checkFormat, renderPlan, SHOW_PENDING_HELP, writePlan } from '../render.js';

interface DiffFlags extends ConnectionFlags {
  format: string;
  nonZeroExitCode?: boolean;
  out?: string;
  showPending?: boolean;
  base?: string;
  expiringWithin: string;
}

export function registerDiff(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program
    .command('diff')
    .description('show the changes sync would make (changes nothing)')
    .argument('[path...]', 'state files, directories, or - for stdin', ['orgdeck.yaml'])
    .option('--format <format>', 'text, json or markdown', 'text')
    .option('--non-zero-exit-code', 'exit 3 when sync would refuse the plan, 2 on other drift (for CI)')
    .option('--show-pending', SHOW_PENDING_HELP)
    .option('--base <ref-or-file>', 'read from the org only what changed since this git revision or state file (a path that exists is a file)')
    .option('--expiring-within <duration>', 'list access the file lets expire within this window: days (14) or 36h, 14d, 2w', DEFAULT_EXPIRING_WITHIN);
  addOutputFileOption(cmd, 'also write the plan as JSON to this file (--out works too)');
  addConnectionOptions(cmd).action(async (paths: string[], flags: DiffFlags) => {
    const format = checkFormat(flags.format, io);
    const expiringWithin = parseExpiringWithin(flags.expiringWithin);
    if (flags.base !== undefined && flags.base.trim() === '') throw new UsageError('--base needs a git revision (origin/main, HEAD~1) or a state file or folder; it was given an empty value. Leave --base out for a full diff.');
    checkOutputFile(flags.out, flags.base ? [...paths, flags.base] : paths, 'the plan', 'diff');
    const progress = progressFor(flags, io);
    let client: ReturnType<typeof makeClient> | undefined;
    const connect = () => (client = makeClient(flags, io, undefined, progress));
    const reading = flags.base ? planTargeted(paths, flags.base, connect, io, progress, () => fetchOptions(flags, io), expiringWithin) : planFromPaths(paths, connect, io, progress, () => fetchOptions(flags, io), expiringWithin);
    const { plan } = await unlessInterrupted(io, progress, 'changed', reading, () => client?.abandon('interrupted')).finally(() => progress.stop());
    io.stdout(renderPlan(plan, format, io, flags.showPending));
    if (flags.out) writePlan(flags.out, plan, io);
    // The text rendering ends with the refusals; a JSON or markdown reader may not look for them.
    if (plan.refusals.length > 0 && format !== 'text') io.stderr(`Warning: sync would refuse this plan (exit 3):\n${plan.refusals.map((r) => `  - ${escapeLines(r.message)}\n`).join('')}`);
    exit.code = flags.nonZeroExitCode ? diffExitCode(plan) : EXIT.ok;
  });
}


/** For CI: 3 when sync would refuse the plan, 2 on other drift, 0 when there is nothing to do. */
export function diffExitCode(plan: Plan): number {
  if (plan.refusals.length > 0) return EXIT.refused;
  return hasDrift(plan) ? EXIT.drift : EXIT.ok;
}
