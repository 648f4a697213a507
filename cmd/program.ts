/** The commander program: commands, flags and help text. Actions report through `exit`. */
import { Command } from 'commander';
import { VERSION } from '../src/version.js';
import { registerDiff } from './commands/diff.js';
import { registerDump } from './commands/dump.js';
import { registerExplain } from './commands/explain.js';
import { registerServe } from './commands/serve.js';
import { registerSync } from './commands/sync.js';
import { registerValidate } from './commands/validate.js';
import type { Io } from './io.js';

export interface ExitBox {
  code: number;
}

export function buildProgram(processIo: Io, exit: ExitBox): Command {
  // Commands share this copy; the program sets what its own flags say before a command runs.
  const io: Io = { ...processIo };
  const waitForStop = io.waitForStop ?? (() => new Promise<void>(() => {}));
  const program = new Command('orgdeck')
    .description('Manage access to a Kong Konnect organization as code: users, teams, memberships and roles.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--no-color', 'no colours in the output (also: NO_COLOR=1 or TERM=dumb; FORCE_COLOR=1 forces them)')
    .hook('preAction', () => {
      if (program.opts().color === false) io.noColour = true;
    })
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run "orgdeck --help" for usage)')
    .showSuggestionAfterError(true);
  registerValidate(program, io, exit);
  registerDiff(program, io, exit);
  registerSync(program, io, exit);
  registerDump(program, io, exit);
  registerExplain(program, io, exit);
  // serve prints the token it hands out, on purpose; it prints nothing a server said.
  registerServe(program, processIo.unredacted ? { ...io, stdout: processIo.unredacted.stdout, stderr: processIo.unredacted.stderr } : io, exit, waitForStop);
  program
    .command('version')
    .description('print the version of orgdeck and of Node.js')
    .action(() => {
      io.stdout(`orgdeck ${VERSION} (Node.js ${process.version})\n`);
      exit.code = 0;
    });
  return program;
}
