/** `orgdeck dump [-o FILE]`: the live organization in the state format. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EVERYTHING } from '../../src/diff/scope.js';
import { UsageError } from '../../src/errors.js';
import { serializeLive } from '../../src/file/serialize.js';
import { fetchLiveState } from '../../src/konnect/fetch.js';
import { addConnectionOptions, type ConnectionFlags, makeClient } from '../connection.js';
import type { Io } from '../io.js';
import type { ExitBox } from '../program.js';

export function registerDump(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program
    .command('dump')
    .description('write the live organization as a state file')
    .option('-o, --output-file <file>', 'write here instead of standard output');
  addConnectionOptions(cmd).action(async (flags: ConnectionFlags & { outputFile?: string }) => {
    const live = await fetchLiveState(makeClient(flags, io), EVERYTHING);
    const text = serializeLive(live, '# Written by orgdeck dump. Check it with: orgdeck validate FILE\n');
    if (!flags.outputFile || flags.outputFile === '-') {
      io.stdout(text);
    } else {
      try {
        writeFileSync(flags.outputFile, text);
      } catch (err) {
        throw new UsageError(`Cannot write "${flags.outputFile}": ${(err as Error).message}`);
      }
      io.stderr(`Wrote ${live.users.length} users and ${live.teams.filter((t) => !t.system).length} teams to ${flags.outputFile}.\n`);
    }
    exit.code = 0;
  });
}
