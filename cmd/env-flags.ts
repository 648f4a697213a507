/**
 * Every flag of every command can also be set as ORGDECK_<FLAG> (`--max-wait` → ORGDECK_MAX_WAIT),
 * as decK does with DECK_*. A flag on the command line wins. Commander's Option.env() names the
 * variable in --help, but reads process.env and takes any value of a boolean flag (even 0) as
 * "on": the values are set again here from io.env, before any action runs.
 */
import type { Command, Option } from 'commander';
import { UsageError } from '../src/errors.js';
import { listForSentence } from '../src/text/suggest.js';
import { escapeControls } from '../src/text/terminal.js';
import type { Io } from './io.js';

const PREFIX = 'ORGDECK_';
/** Not settings: they answer instead of running. */
const NOT_FROM_ENV = new Set(['--help', '--version']);

/** `--max-wait` → ORGDECK_MAX_WAIT */
export function envNameOf(flag: string): string {
  return PREFIX + flag.replace(/^-+/, '').replaceAll('-', '_').toUpperCase();
}

/**
 * Whether `value` came from the environment rather than the command line. ORGDECK_* applies to
 * every command that has the flag, so a value meant for one mode (ORGDECK_FORMAT=json for diff)
 * must not make another mode of the same command refuse to run.
 */
export function cameFromEnv(io: Pick<Io, 'env'>, flag: string, value: unknown): boolean {
  return value !== undefined && io.env[envNameOf(flag)] === String(value);
}

/** Every value of --format that some command takes: html and csv are report's, markdown diff's. */
export const EVERY_FORMAT: ReadonlySet<string> = new Set(['text', 'json', 'markdown', 'html', 'csv']);

/**
 * The command's --format, every command's one reading of it. ORGDECK_FORMAT applies to every
 * command that has --format, so a value another command takes (csv for report, markdown for diff)
 * leaves this one at `fallback`; a value no command takes is refused, naming the variable, since
 * it is a typo wherever it was meant. The sentence names the values `formats` holds, in its order ("text or json").
 */
export function pickFormat<F extends string, D extends F | undefined>(io: Pick<Io, 'env'>, value: string, formats: readonly F[], fallback: D): F | D {
  if ((formats as readonly string[]).includes(value)) return value as F;
  const shown = escapeControls(value);
  const takes = listForSentence(formats);
  if (!cameFromEnv(io, '--format', value)) throw new UsageError(`--format takes ${takes}, not "${shown}".`);
  if (!EVERY_FORMAT.has(value)) throw new UsageError(`ORGDECK_FORMAT is "${shown}", a format no orgdeck command writes (this one takes ${takes}). Correct or unset the variable.`);
  return fallback;
}

/** Names ORGDECK_* beside every option of `program` and its commands (call once all are added). */
export function readFlagsFromEnv(program: Command, io: Io): void {
  for (const cmd of withSubcommands(program)) {
    for (const option of cmd.options) {
      // A hidden spelling (--out) is named in no help, so it gets no variable either.
      if (option.hidden || (option.long && NOT_FROM_ENV.has(option.long))) continue;
      option.env(envNameOf(option.long ?? option.name()));
    }
  }
  // The program's own flags before the command's hooks read them (preSubcommand), the command's before its action.
  program.hook('preSubcommand', (c) => applyEnv(c, io.env));
  program.hook('preAction', (_, action) => applyEnv(action, io.env));
}

function withSubcommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(withSubcommands)];
}

/** What the option is without flag or variable: a --no-x flag is on (true) unless told otherwise. */
function defaultOf(option: Option): unknown {
  return option.negate ? (option.defaultValue ?? true) : option.defaultValue;
}

function applyEnv(cmd: Command, env: Io['env']): void {
  for (const option of cmd.options) {
    if (!option.envVar) continue;
    const key = option.attributeName();
    const source = cmd.getOptionValueSource(key);
    // Given on the command line (or set by code): it wins.
    if (source !== undefined && source !== 'default' && source !== 'env') continue;
    const raw = env[option.envVar];
    if (raw === undefined || raw === '') {
      // Commander may have taken it from process.env, which a test's io.env replaces.
      if (source === 'env') cmd.setOptionValueWithSource(key, defaultOf(option), 'default');
      continue;
    }
    if (option.required || option.optional) {
      cmd.setOptionValueWithSource(key, raw, 'env');
    } else if (isOn(raw, option.envVar)) {
      cmd.setOptionValueWithSource(key, !option.negate, 'env');
    } else {
      cmd.setOptionValueWithSource(key, defaultOf(option), 'default');
    }
  }
}

function isOn(raw: string, name: string): boolean {
  const v = raw.trim().toLowerCase();
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  throw new UsageError(`${name} is a switch: set it to 1 or true (on), or 0 or false (off), not "${raw}".`);
}
