/** `orgdeck report [PATH...]`: the access review, from the live organization or offline from state files. */
import { type Command, Option } from 'commander';
import { UsageError } from '../../src/errors.js';
import { buildReport } from '../../src/report/build.js';
import { REPORT_FORMATS, type ReportFormat } from '../../src/report/render.js';
import { plural } from '../../src/text/plural.js';
import { escapeControls } from '../../src/text/terminal.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection.js';
import type { ExitBox } from '../exit-box.js';
import { checkForSecrets, type Io } from '../io.js';
import { addOutputFileOption, mayOverwrite, writeOutputFile } from '../output.js';
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
    .addOption(new Option('--format <format>', "html, csv or json (default: the output file's extension, else html)").choices(Object.keys(REPORT_FORMATS)))
    .option('--expiring-within <days>', 'flag access ending within this window: days (14 or 14d) or weeks (2w)', '14d');
  addConnectionOptions(cmd).action(async (paths: string[], flags: ReportFlags) => {
    const file = flags.out === '-' ? undefined : flags.out;
    const format = formatOf(flags.format, file);
    const days = parseWindowDays(flags.expiringWithin);
    if (file && !(await mayOverwrite(file, io, flags.yes))) {
      io.stderr(`Nothing was written; "${escapeControls(file)}" is unchanged.\n`);
      exit.code = 1;
      return;
    }
    const now = Date.now();
    const input = paths.length > 0 ? { desired: loadStateFromPaths(paths, io).state } : { live: await readWholeOrg(flags, io) };
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

/** commander checks --format's value; without one, a file's extension says, else html. */
function formatOf(flag: string | undefined, file: string | undefined): ReportFormat {
  return (flag ?? /\.(html|csv|json)$/i.exec(file ?? '')?.[1]?.toLowerCase() ?? 'html') as ReportFormat;
}

/** "14", "14d" or "2w" → days. */
export function parseWindowDays(text: string): number {
  const m = /^\s*(\d{1,5})\s*([dw]?)\s*$/i.exec(text);
  if (!m) throw new UsageError(`--expiring-within takes a number of days (14 or 14d) or weeks (2w), not "${escapeControls(text)}".`);
  return Number(m[1]) * (m[2]!.toLowerCase() === 'w' ? 7 : 1);
}
