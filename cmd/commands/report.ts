/** `orgdeck report [PATH...]`: the access review, from the live organization or offline from state files. */
import type { Command } from 'commander';
import { UsageError } from '../../src/errors.js';
import { EVERYTHING } from '../../src/diff/scope.js';
import { DAY_MS } from '../../src/diff/invitations.js';
import { buildReport } from '../../src/report/build.js';
import { REPORT_FORMATS, type ReportFormat } from '../../src/report/render.js';
import { plural } from '../../src/text/plural.js';
import { escapeControls } from '../../src/text/terminal.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection.js';
import { cameFromEnv, pickFormat } from '../env-flags.js';
import type { ExitBox } from '../exit-box.js';
import { DEFAULT_EXPIRING_WITHIN, parseExpiringWithin } from '../expiring-within.js';
import { checkForSecrets, type Io } from '../io.js';
import { addOutputFileOption, checkOutputFile, mayOverwrite, writeOutputFile } from '../output.js';
import { readWholeOrg } from '../read-org.js';
import { loadStateFromPaths } from '../state.js';

interface ReportFlags extends ConnectionFlags {
  out?: string;
  yes?: boolean;
  format?: string;
  expiringWithin: string;
}

export function registerReport(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program
    .command('report')
    .description('write an access review: every access of every person and system account, where it comes from, and what to look at (changes nothing)')
    .argument('[path...]', 'state files, directories, a dump, or - for stdin; none = read the live organization');
  addOutputFileOption(cmd, 'write here instead of standard output (- = standard output)')
    .option('--yes', 'replace the output file without asking when it exists')
    .option('--format <format>', "html, csv or json (default: the output file's extension, else html)")
    .option('--expiring-within <duration>', 'flag access ending within this window: days (14) or 36h, 14d, 2w', DEFAULT_EXPIRING_WITHIN);
  addConnectionOptions(cmd).action(async (paths: string[], flags: ReportFlags) => {
    const file = flags.out === '-' ? undefined : flags.out;
    checkOutputFile(file, paths, 'the report', 'the report');
    const format = formatOf(flags.format, file, io);
    // The same window, and the same words for it, as diff --expiring-within.
    const days = parseExpiringWithin(flags.expiringWithin) / DAY_MS;
    if (file && !(await mayOverwrite(file, io, flags.yes))) {
      io.stderr(`Nothing was written; "${escapeControls(file)}" is unchanged.\n`);
      exit.code = 1;
      return;
    }
    const now = (io.now?.() ?? new Date()).getTime();
    const input = paths.length > 0 ? { desired: loadStateFromPaths(paths, io).state } : { live: await readWholeOrg(flags, io, EVERYTHING, { accessTokens: true }) };
    const report = buildReport({ ...input, now, expiringWithinDays: days });
    const text = checkForSecrets(io, report, REPORT_FORMATS[format](report), 'The report', 'remove the token from that field in Konnect, then run report again.');
    if (!file) io.stdout(text);
    else {
      writeOutputFile(file, text, 'the report');
      const s = report.summary;
      io.stderr(`Wrote the access report (${plural(s.rows, 'row')}; ${plural(s.admins, 'admin')}, ${plural(s.pending_invitations, 'pending invitation')}, ${s.expiring} expiring) to ${escapeControls(file)}.\n`);
    }
    exit.code = 0;
  });
}

const FORMAT_NAMES = Object.keys(REPORT_FORMATS) as ReportFormat[];

/**
 * --format says (read as every command reads it: pickFormat); without it, a file's extension
 * says, else html. An extension that names another format (or none orgdeck writes) is refused:
 * `-o r.json --format csv` would leave a file that no tool reads for what its name says.
 * ORGDECK_FORMAT is set for every command: one the file's name contradicts is left out.
 */
function formatOf(value: string | undefined, file: string | undefined, io: Pick<Io, 'env'>): ReportFormat {
  let flag = value === undefined ? undefined : pickFormat(io, value, FORMAT_NAMES, undefined);
  const ext = /\.([^./\\]+)$/.exec(file ?? '')?.[1]?.toLowerCase();
  const named = ext !== undefined && Object.hasOwn(REPORT_FORMATS, ext) ? (ext as ReportFormat) : undefined;
  if (flag !== undefined && named !== undefined && flag !== named && cameFromEnv(io, '--format', value)) flag = undefined;
  if (file && ext !== undefined && named === undefined && flag === undefined) {
    throw new UsageError(`-o ${escapeControls(file)}: orgdeck report writes html, csv or json, and ".${escapeControls(ext)}" is none of them. Name the file .html, .csv or .json, or give --format.`);
  }
  if (flag !== undefined && named !== undefined && named !== flag) {
    throw new UsageError(`--format ${flag} and -o ${escapeControls(file ?? '')} disagree: the file's name says ${named}. Make them agree.`);
  }
  return flag ?? named ?? 'html';
}
