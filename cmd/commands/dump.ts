/** `orgdeck dump [-o FILE]`: the live organization in the state format. */
import type { Command } from 'commander';
import { dumpDocument, serializeLive } from '../../src/file/serialize.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection.js';
import { checkForSecrets, type Io } from '../io.js';
import { readWholeOrg } from '../read-org.js';
import { addOutputFileOption, mayOverwrite, writeOutputFile } from '../output.js';
import type { ExitBox } from '../exit-box.js';
import { schemaLine } from '../schema-line.js';
import { plural } from '../../src/text/plural.js';
import { escapeControls } from '../../src/text/terminal.js';

interface DumpFlags extends ConnectionFlags {
  out?: string;
  yes?: boolean;
}

export function registerDump(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program.command('dump').description('write the live organization as a state file');
  addOutputFileOption(cmd, 'write here instead of standard output (- = standard output)').option('--yes', 'replace the output file without asking when it exists');
  addConnectionOptions(cmd).action(async (flags: DumpFlags) => {
    const file = flags.out === '-' ? undefined : flags.out;
    // Ask before reading the org: a "no" should cost no API request.
    if (file && !(await mayOverwrite(file, io, flags.yes))) {
      io.stderr(`Nothing was written; "${escapeControls(file)}" is unchanged.\n`);
      exit.code = 1;
      return;
    }
    const live = await readWholeOrg(flags, io);
    const names = live.teams.filter((t) => !t.system).map((t) => t.name);
    const twice = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
    if (twice.length) io.stderr(`Warning: Konnect holds several teams named ${escapeControls(twice.map((n) => `"${n}"`).join(', '))}; the dump lists each, and validate will refuse it until you rename or delete the extras in Konnect.\n`);
    if (live.idp?.problem) io.stderr(`Warning: the dump leaves idp_groups out: ${escapeControls(live.idp.problem)}\n`);
    const header = `${schemaLine(file, process.cwd())}# Written by orgdeck dump. Check it with: orgdeck validate FILE\n`;
    const text = checkForSecrets(io, dumpDocument(live), serializeLive(live, header), 'The dump', 'remove the token from that field in Konnect, then run dump again.');
    if (!file) {
      io.stdout(text);
    } else {
      writeOutputFile(file, text, 'the dump');
      const teams = live.teams.filter((t) => !t.system).length;
      io.stderr(`Wrote ${plural(live.users.length, 'user')} and ${plural(teams, 'team')} to ${escapeControls(file)}.\n`);
    }
    exit.code = 0;
  });
}
