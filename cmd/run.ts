/**
 * argv → exit code. The one place errors are caught: each error class has a fixed exit code,
 * and only an internal error (a bug) shows a stack trace.
 */
import { type Command, CommanderError, type Option } from 'commander';
import {
  ApiError,
  ApplyError,
  ConnectionError,
  EXIT,
  ResolveError,
  ResponseError,
  StateFileError,
  UnsafePlanError,
  UsageError,
  formatProblem,
} from '../src/errors.js';
import { escapeControls, escapeLines } from '../src/text/terminal.js';
import { InterruptedError } from './interrupt.js';
import { type Io, redactingIo } from './io.js';
import { buildProgram } from './program.js';
import { verboseAloneIsLevelOne } from './verbose.js';

export async function run(argv: readonly string[], processIo: Io): Promise<number> {
  const io = redactingIo(processIo);
  const exit = { code: EXIT.ok as number };
  const program = await buildProgram(io, exit, argv);
  // No command: the help is what was asked for, so stdout and success (commander would say exit 1).
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return EXIT.ok;
  }
  try {
    refuseCommandOptionBeforeCommand(program, argv);
    await program.parseAsync(verboseAloneIsLevelOne(argv), { from: 'user' });
    return exit.code;
  } catch (err) {
    return report(err, io);
  }
}

/**
 * `orgdeck --verbose ping`, as decK and kongctl take global flags anywhere: commander would call
 * the flag unknown (and name it as rewritten, `--verbose=1`); say where it goes instead. The
 * sentence names the flag, never its value, written `--flag value` or `--flag=value`: a value
 * may be a token, which the redaction of stderr knows only from the environment.
 */
function refuseCommandOptionBeforeCommand(program: Command, argv: readonly string[]): void {
  const at = commandIndex(program, argv);
  const command = at < 0 ? undefined : program.commands.find((c) => c.name() === argv[at]);
  if (!command) return;
  for (const arg of argv.slice(0, at)) {
    const flag = arg.split('=')[0]!;
    if (!isOptionOf(program, flag) && isOptionOf(command, flag)) {
      throw new UsageError(`${escapeControls(flag)} is an option of orgdeck ${command.name()}, so it goes after the command: orgdeck ${command.name()} ${escapeControls(flag)} ….`);
    }
  }
}

/**
 * Where the command's name is in argv: the first word that is not a flag nor a flag's value
 * (`orgdeck --konnect-token X ping`: X is the token, ping the command).
 */
function commandIndex(program: Command, argv: readonly string[]): number {
  const isCommand = (a: string | undefined) => program.commands.some((c) => c.name() === a);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) return i;
    if (arg.includes('=')) continue;
    const option = program.commands.map((c) => optionOf(c, arg)).find(Boolean);
    // A value that may be left out (`--verbose [level]`) is a value only when it names no command.
    if (option?.required || (option?.optional && !isCommand(argv[i + 1]))) i++;
  }
  return -1;
}

function isOptionOf(cmd: Command, flag: string): boolean {
  return flag === '-h' || flag === '--help' || optionOf(cmd, flag) !== undefined;
}

/** The option of `cmd` that `flag` spells, long or short. */
function optionOf(cmd: Command, flag: string): Option | undefined {
  return cmd.options.find((o) => o.long === flag || o.short === flag);
}

/** A file with 130,000 mistakes is one mistake made 130,000 times: the first thousand say it. */
const MAX_PRINTED_PROBLEMS = 1000;

function report(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    // commander has printed its own message (help, version, or what was wrong with the flags).
    return err.exitCode === 0 ? EXIT.ok : EXIT.error;
  }
  if (err instanceof InterruptedError) {
    io.stderr(`${escapeLines(err.message)}\n`);
    return EXIT.interrupted;
  }
  if (err instanceof StateFileError) {
    // stderr: stdout may be a plan or a dump being redirected to a file.
    for (const p of err.problems.slice(0, MAX_PRINTED_PROBLEMS)) io.stderr(`${formatProblem(p)}\n`);
    const rest = err.problems.length - MAX_PRINTED_PROBLEMS;
    if (rest > 0) io.stderr(`… and ${rest.toLocaleString('en-US')} more problems, not shown (the first ${MAX_PRINTED_PROBLEMS.toLocaleString('en-US')} are, in file order).\n`);
    io.stderr(`Error: ${escapeLines(err.message)}.\n`);
    return EXIT.error;
  }
  if (err instanceof UnsafePlanError) {
    io.stderr(`Refused: nothing was changed.\n${bullets(err.reasons)}`);
    return EXIT.refused;
  }
  if (err instanceof ResolveError) {
    io.stderr(`Error: the file cannot be matched to the organization, so no plan was made (orgdeck never guesses):\n${bullets(err.reasons)}`);
    return EXIT.error;
  }
  if (err instanceof ApplyError) {
    io.stderr(`Error: ${escapeLines(err.message)}\n`);
    return EXIT.error;
  }
  if (err instanceof ApiError || err instanceof ConnectionError || err instanceof ResponseError) {
    // One line about one request, quoting what the server or the network said.
    io.stderr(`Error: ${escapeControls(err.message)}\n`);
    return EXIT.error;
  }
  if (err instanceof UsageError) {
    io.stderr(`Error: ${escapeLines(err.message)}\n`);
    return EXIT.error;
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  // The npm bin is one minified file: its frames name no function a reader knows, until Node reads the map beside it.
  const minified = /[/\\]dist[/\\]bundle[/\\]program\.js:\d/.test(detail);
  const mapHint = minified ? 'Run the command again with NODE_OPTIONS=--enable-source-maps for the source files and lines of this trace.\n' : '';
  io.stderr(`Internal error: this is a bug in orgdeck, please report it with the output below.\n${escapeLines(detail)}\n${mapHint}`);
  return EXIT.error;
}

/** Each reason as a bullet; a reason quotes names from the file or the org, so its controls are escaped. */
function bullets(lines: readonly string[]): string {
  return lines.map((l) => `  - ${escapeLines(l)}\n`).join('');
}

