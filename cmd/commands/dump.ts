/** `orgdeck dump [-o FILE]`: the live organization in the state format. */
import type { Command } from 'commander';
import { EVERYTHING } from '../../src/diff/scope.js';
import { describeLeftOut, describeNoTeamSelected, narrowToTeamLabels } from '../../src/file/dump-scope.js';
import { dumpDocument, serializeLive } from '../../src/file/serialize.js';
import { UsageError } from '../../src/errors.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection.js';
import { cameFromEnv } from '../env-flags.js';
import { checkForSecrets, type Io } from '../io.js';
import { readWholeOrg } from '../read-org.js';
import { addOutputFileOption, checkOutputFile, mayOverwrite, writeOutputFile } from '../output.js';
import type { ExitBox } from '../exit-box.js';
import { schemaLine } from '../schema-line.js';
import { plural } from '../../src/text/plural.js';
import { escapeControls } from '../../src/text/terminal.js';

interface DumpFlags extends ConnectionFlags {
  out?: string;
  yes?: boolean;
  mergeInto?: string;
  selectTeamLabels?: string[] | string;
}

export function registerDump(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program.command('dump').description('write the live organization as a state file');
  addOutputFileOption(cmd, 'write here instead of standard output (- = standard output)')
    .option('--yes', 'replace the output file (or rewrite the --merge-into files) without asking')
    .option('--merge-into <path>', 'write the live organization into this state file or folder, keeping its _info, comments, order, env references and expires keys')
    .option('--select-team-labels <key=value>', 'only teams with these labels, and their members (repeat, or separate with commas)', (v: string, prev: string[] = []) => [...prev, v]);
  addConnectionOptions(cmd).action(async (flags: DumpFlags) => {
    pickMode(flags, io);
    if (flags.mergeInto !== undefined) {
      if (flags.out !== undefined) throw new UsageError('--merge-into writes into the files it reads; give it or --output-file, not both.');
      if (flags.selectTeamLabels !== undefined) throw new UsageError('--merge-into keeps the scope the files set (_info.select_team_labels); drop --select-team-labels, or change _info in the file.');
      // The loader and the merge load only when asked for: a plain dump reads no state file.
      const { mergeIntoFiles } = await import('./dump-merge.js');
      exit.code = await mergeIntoFiles(flags.mergeInto, flags, io);
      return;
    }
    const labels = flags.selectTeamLabels === undefined ? undefined : parseTeamLabels(flags.selectTeamLabels);
    const file = flags.out === '-' ? undefined : flags.out;
    // Ask before reading the org: a "no" should cost no API request.
    checkOutputFile(file, [], 'the dump', 'dump');
    if (file && !(await mayOverwrite(file, io, flags.yes))) {
      io.stderr(`Nothing was written; "${escapeControls(file)}" is unchanged.\n`);
      exit.code = 1;
      return;
    }
    const read = await readWholeOrg(flags, io, labels ? { ...EVERYTHING, teamLabels: labels } : EVERYTHING);
    const narrowed = labels ? narrowToTeamLabels(read, labels) : undefined;
    const live = narrowed?.live ?? read;
    const names = live.teams.filter((t) => !t.system && t.inScope).map((t) => t.name);
    const twice = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
    if (twice.length) io.stderr(`Warning: Konnect holds several teams named ${escapeControls(twice.map((n) => `"${n}"`).join(', '))}; the dump lists each, and validate will refuse it until you rename or delete the extras in Konnect.\n`);
    if (live.idp?.problem) io.stderr(`Warning: the dump leaves idp_groups out: ${escapeControls(live.idp.problem)}\n`);
    if (narrowed && labels) io.stderr(`${escapeControls(describeLeftOut(narrowed.leftOut, labels))}\n`);
    // Still written: the person asked for this scope, and the file keeps it; the warning catches a typo.
    if (labels && names.length === 0) io.stderr(`${escapeControls(describeNoTeamSelected(labels))}\n`);
    const header = `${schemaLine(file, process.cwd())}# Written by orgdeck dump. Check it with: orgdeck validate FILE\n`;
    const info = narrowed?.info ?? {};
    const text = checkForSecrets(io, dumpDocument(live, info), serializeLive(live, header, info), 'The dump', 'remove the token from that field in Konnect, then run dump again.');
    if (!file) {
      io.stdout(text);
    } else {
      writeOutputFile(file, text, 'the dump');
      io.stderr(`Wrote ${plural(live.users.length, 'user')} and ${plural(names.length, 'team')} to ${escapeControls(file)}.\n`);
    }
    exit.code = 0;
  });
}

/** `team=payments`, repeated or comma-separated (`team=payments,env=prod`), as decK's --select-tag takes tags. */
export function parseTeamLabels(values: readonly string[] | string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of [values].flat().flatMap((v) => v.split(','))) {
    const at = pair.indexOf('=');
    const key = pair.slice(0, at).trim();
    if (at < 0 || key === '') throw new UsageError(`--select-team-labels takes key=value pairs (team=payments, or several: team=payments,env=prod); "${pair}" is not one.`);
    const value = pair.slice(at + 1).trim();
    if (key in labels && labels[key] !== value) throw new UsageError(`--select-team-labels gives the label "${key}" twice (${labels[key]} and ${value}); a team carries one value per label.`);
    labels[key] = value;
  }
  return labels;
}

/**
 * A flag on the command line picks dump's mode: ORGDECK_MERGE_INTO, ORGDECK_OUTPUT_FILE or
 * ORGDECK_SELECT_TEAM_LABELS set for the other mode is set aside instead of stopping this one.
 */
function pickMode(flags: DumpFlags, io: Io): void {
  const fromEnv = (flag: string, value: unknown) => value !== undefined && cameFromEnv(io, flag, value);
  const outFromEnv = fromEnv('--output-file', flags.out);
  const labelsFromEnv = fromEnv('--select-team-labels', flags.selectTeamLabels);
  if (flags.mergeInto === undefined) return;
  if (fromEnv('--merge-into', flags.mergeInto)) {
    const plainAsked = (flags.out !== undefined && !outFromEnv) || (flags.selectTeamLabels !== undefined && !labelsFromEnv);
    if (plainAsked) flags.mergeInto = undefined;
    return;
  }
  if (outFromEnv) flags.out = undefined;
  if (labelsFromEnv) flags.selectTeamLabels = undefined;
}
