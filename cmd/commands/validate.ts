/** `orgdeck validate [PATH...]`: check state files offline; exit 0 when valid, 1 when not. */
import type { Command } from 'commander';
import { countGrants } from '../../src/file/load.js';
import type { ExitBox } from '../program.js';
import type { Io } from '../io.js';
import { loadStateFromPaths } from '../state.js';
import { plural } from '../../src/text/plural.js';

export function registerValidate(program: Command, io: Io, exit: ExitBox): void {
  program
    .command('validate')
    .description('check state files against the schema and orgdeck\'s rules, offline')
    .argument('[path...]', 'state files, directories of .yaml files, or - for stdin', ['orgdeck.yaml'])
    .action((paths: string[]) => {
      const { state } = loadStateFromPaths(paths, io);
      const grants = countGrants(state);
      const what = paths.length === 1 ? paths[0] : `${paths.length} paths`;
      io.stdout(`${what} is valid: ${plural(state.users.length, 'user')}, ${plural(state.teams.length, 'team')}, ${state.systemAccounts ? `${plural(state.systemAccounts.length, 'system account')}, ` : ''}${plural(grants, 'grant')}.\n`);
      exit.code = 0;
    });
}



