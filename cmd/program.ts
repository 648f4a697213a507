/** The commander program: commands, flags and help text. Actions report through `exit`. */
import { Command } from 'commander';
import { VERSION } from '../src/version.js';
import { registerCompletion } from './completion.js';
import { readFlagsFromEnv } from './env-flags.js';
import type { ExitBox } from './exit-box.js';
import { addHelpFooters } from './help-examples.js';
import type { Io } from './io.js';

/**
 * `argv`, when given, names the command about to run: only its module is loaded (a diff need not
 * load sync's apply engine or the local org). Without it, or for help, every command is.
 */
export async function buildProgram(processIo: Io, exit: ExitBox, argv?: readonly string[]): Promise<Command> {
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
  // serve prints the token it hands out, on purpose; it prints nothing a server said.
  const serveIo = processIo.unredacted ? { ...io, stdout: processIo.unredacted.stdout, stderr: processIo.unredacted.stderr } : io;
  const commands: Record<string, () => Promise<() => void>> = {
    validate: () => import('./commands/validate.js').then((m) => () => m.registerValidate(program, io, exit)),
    diff: () => import('./commands/diff.js').then((m) => () => m.registerDiff(program, io, exit)),
    sync: () => import('./commands/sync.js').then((m) => () => m.registerSync(program, io, exit)),
    dump: () => import('./commands/dump.js').then((m) => () => m.registerDump(program, io, exit)),
    explain: () => import('./commands/explain.js').then((m) => () => m.registerExplain(program, io, exit)),
    report: () => import('./commands/report.js').then((m) => () => m.registerReport(program, io, exit)),
    ping: () => import('./commands/ping.js').then((m) => () => m.registerPing(program, io, exit)),
    serve: () => import('./commands/serve.js').then((m) => () => m.registerServe(program, serveIo, exit, waitForStop)),
  };
  const named = argv?.find((a) => !a.startsWith('-'));
  const chosen = named && Object.hasOwn(commands, named) ? [named] : Object.keys(commands);
  // Loaded together, registered in the order help lists them.
  for (const register of await Promise.all(chosen.map((name) => commands[name]!()))) register();
  program
    .command('version')
    .description('print the version of orgdeck and of Node.js')
    .action(() => {
      io.stdout(`orgdeck ${VERSION} (Node.js ${process.version})\n`);
      exit.code = 0;
    });
  registerCompletion(program, io, exit);
  // Every command is defined by now: what follows applies to all of them, whoever added them.
  readFlagsFromEnv(program, io);
  addHelpFooters(program);
  return program;
}
