/** `orgdeck dump [-o FILE]`: the live organization in the state format. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EVERYTHING } from '../../src/diff/scope.js';
import { UsageError } from '../../src/errors.js';
import { serializeLive } from '../../src/file/serialize.js';
import { fetchLiveState } from '../../src/konnect/fetch.js';
import { addConnectionOptions, type ConnectionFlags, makeClient, progressFor } from '../connection.js';
import { type Io, redactForFile } from '../io.js';
import type { ExitBox } from '../program.js';
import { plural } from '../../src/text/plural.js';

export function registerDump(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program
    .command('dump')
    .description('write the live organization as a state file')
    .option('-o, --output-file <file>', 'write here instead of standard output');
  addConnectionOptions(cmd).action(async (flags: ConnectionFlags & { outputFile?: string }) => {
    const progress = progressFor(flags, io);
    const live = await fetchLiveState(makeClient(flags, io, undefined, progress), EVERYTHING, progress.onEvent).finally(() => progress.stop());
    const names = live.teams.filter((t) => !t.system).map((t) => t.name);
    const twice = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
    if (twice.length) io.stderr(`Warning: Konnect holds several teams named ${twice.map((n) => `"${n}"`).join(', ')}; the dump lists each, and validate will refuse it until you rename or delete the extras in Konnect.\n`);
    if (live.idp?.problem) io.stderr(`Warning: the dump leaves idp_groups out: ${live.idp.problem}\n`);
    const text = serializeLive(live, '# Written by orgdeck dump. Check it with: orgdeck validate FILE\n');
    if (!flags.outputFile || flags.outputFile === '-') {
      io.stdout(text);
    } else {
      try {
        writeFileSync(flags.outputFile, redactForFile(io, text));
      } catch (err) {
        throw new UsageError(`Cannot write "${flags.outputFile}": ${(err as Error).message}`);
      }
      const teams = live.teams.filter((t) => !t.system).length;
      io.stderr(`Wrote ${plural(live.users.length, 'user')} and ${plural(teams, 'team')} to ${flags.outputFile}.\n`);
    }
    exit.code = 0;
  });
}
