/** `orgdeck validate [PATH...] [--online]`: check state files offline, and with --online against the live org (reads only). */
import type { Command } from 'commander';
import { scopeOf } from '../../src/diff/scope.js';
import { formatProblem, StateFileError } from '../../src/errors.js';
import { expiryWarnings } from '../../src/file/expires.js';
import { countGrants } from '../../src/file/load.js';
import { checkOnline } from '../../src/file/online.js';
import { checkSurprises } from '../../src/file/surprises.js';
import { fetchOnlineFacts } from '../../src/konnect/fetch-online.js';
import { plural } from '../../src/text/plural.js';
import { addConnectionOptions, type ConnectionFlags, makeClient } from '../connection.js';
import type { Io } from '../io.js';
import type { ExitBox } from '../exit-box.js';
import { loadStateFromPaths } from '../state.js';

interface ValidateFlags extends Partial<ConnectionFlags> {
  online?: boolean;
}

export function registerValidate(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program
    .command('validate')
    .description('check state files against the schema and orgdeck\'s rules, offline; with --online also against the organization')
    .argument('[path...]', 'state files, directories of .yaml files, or - for stdin', ['orgdeck.yaml'])
    .option('--online', 'also check roles, entity names and team names against the live organization (reads only)');
  addConnectionOptions(cmd).action(async (paths: string[], flags: ValidateFlags) => {
    const { state, written } = loadStateFromPaths(paths, io);
    // Valid, yet rarely what a reader expects: said, never counted against the file.
    for (const w of checkSurprises(written)) io.stderr(`warning: ${formatProblem(w)}\n`);
    const now = (io.now?.() ?? new Date()).getTime();
    // Warnings, not errors: an expired entry is what sync removes, and a far one is still valid.
    for (const w of expiryWarnings(written, now)) io.stderr(`warning: ${formatProblem(w)}\n`);
    const what = paths.length === 1 ? paths[0] : `${paths.length} paths`;
    const accounts = state.systemAccounts ? `${plural(state.systemAccounts.length, 'system account')}, ` : '';
    const counts = `${plural(state.users.length, 'user')}, ${plural(state.teams.length, 'team')}, ${accounts}${plural(countGrants(state), 'grant')}`;
    if (flags.online) {
      // Offline problems were reported above without a request; only a valid file reaches Konnect.
      const accounts = state.systemAccounts?.some((a) => a.renamedFrom) ?? false;
      const facts = await fetchOnlineFacts(makeClient(flags as ConnectionFlags, io), scopeOf(state), { accounts });
      const online = checkOnline(written, facts, now);
      for (const n of online.notices) io.stderr(`notice: ${formatProblem(n)}\n`);
      if (online.problems.length > 0) throw new StateFileError(online.problems);
      // It checked names, roles and entities, not every field: `diff` says what would change.
      io.stdout(`${what} is valid, and its names, roles and entities resolve in the organization: ${counts}. (orgdeck diff shows what sync would change.)\n`);
    } else {
      io.stdout(`${what} is valid: ${counts}.\n`);
    }
    exit.code = 0;
  });
}
