/** `orgdeck diff [PATH...]`: what sync would do, as text, JSON or markdown. Exit 2 on drift when asked. */
import type { Command } from 'commander';
import { hasDrift } from '../../src/diff/diff.js';
import { EXIT } from '../../src/errors.js';
import { checkGuards } from '../../src/plan/guards.js';
import { addConnectionOptions, type ConnectionFlags, makeClient } from '../connection.js';
import type { Io } from '../io.js';
import { planFromPaths } from '../pipeline.js';
import type { ExitBox } from '../program.js';
import { addOutputFileOption } from '../output.js';
import { checkFormat, renderPlan, writePlan } from '../render.js';

interface DiffFlags extends ConnectionFlags {
  format: string;
  nonZeroExitCode?: boolean;
  out?: string;
}

export function registerDiff(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program
    .command('diff')
    .description('show the changes sync would make (changes nothing)')
    .argument('[path...]', 'state files, directories, or - for stdin', ['orgdeck.yaml'])
    .option('--format <format>', 'text, json or markdown', 'text')
    .option('--non-zero-exit-code', 'exit 2 when there is drift (for CI)');
  addOutputFileOption(cmd, 'also write the plan as JSON to this file (--out works too)');
  addConnectionOptions(cmd).action(async (paths: string[], flags: DiffFlags) => {
    const format = checkFormat(flags.format);
    const { plan, live } = await planFromPaths(paths, () => makeClient(flags, io), io);
    io.stdout(renderPlan(plan, format, io));
    if (flags.out) writePlan(flags.out, plan);
    // A PR check should show what sync would refuse, not just the drift.
    const refusals = checkGuards(plan, live, { force: false });
    if (refusals.length > 0) io.stderr(`Warning: sync would refuse this plan (exit 3):\n${refusals.map((r) => `  - ${r.message}\n`).join('')}`);
    exit.code = flags.nonZeroExitCode && hasDrift(plan) ? EXIT.drift : EXIT.ok;
  });
}

