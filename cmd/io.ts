/** Everything a command touches in the process, injectable so tests run commands in-process. */
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../src/errors.js';
import { readAtMostLimit } from '../src/file/read.js';
import { Secrets } from '../src/text/redact.js';
import { findSecretIn } from '../src/text/secrets-in-data.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** stdout is a terminal: colours and confirmation prompts are allowed. */
  isTTY: boolean;
  /** stderr is a terminal: the progress line is redrawn in place (else a line every 10 s). */
  stderrIsTTY?: boolean;
  readStdin(): Uint8Array;
  /** Ask a yes/no question on the terminal; only called when isTTY. */
  confirm(question: string): Promise<boolean>;
  /** `--no-color` was given (set by the program before a command runs). */
  noColour?: boolean;
  /** The clock plans are stamped with; default the system clock. */
  now?: () => Date;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); used by `serve`. */
  waitForStop?: () => Promise<void>;
  /** Set by redactingIo: the token once read; what messages are redacted of and written data is checked for. */
  secrets?: Secrets;
  /** Set by redactingIo: the io it wraps, for `serve`, whose job is to print its own token. */
  unredacted?: Io;
  /**
   * Calls `handler` on the first SIGINT or SIGTERM (a second one exits at once, 130); returns
   * the function that stops listening. Used by `sync` to stop between steps.
   */
  onInterrupt?: (handler: () => void) => () => void;
}

/**
 * stdout and stderr with the token (also without its prefix, in any case, or base64-encoded)
 * and any whole Konnect token replaced by [redacted]: server text (error details, names, a body
 * echoing the Authorization header) may carry one. A dump or a JSON plan on stdout passes
 * through unchanged, having been checked by `checkForSecrets`. Made once, in run(). The token
 * the environment holds is a secret from the start, before any command reads it (validate and
 * diff load the state file first); readToken adds the one it reads, whatever its source.
 */
export function redactingIo(io: Io): Io {
  const secrets = new Secrets();
  for (const token of tokensInEnv(io.env)) secrets.add(token);
  return { ...io, secrets, unredacted: io, stdout: (t) => io.stdout(secrets.redact(t)), stderr: (t) => io.stderr(secrets.redact(t)) };
}

/** Largest token file read before the command runs: a token is about 55 bytes. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

/** The tokens the environment gives: KONNECT_TOKEN, ORGDECK_KONNECT_TOKEN, and the content of ORGDECK_KONNECT_TOKEN_FILE (a regular file only; if unreadable, readToken says so later). */
function tokensInEnv(env: Io['env']): string[] {
  const tokens = [env.KONNECT_TOKEN, env.ORGDECK_KONNECT_TOKEN];
  const file = env.ORGDECK_KONNECT_TOKEN_FILE;
  if (file) {
    try {
      const stat = statSync(file);
      if (stat.isFile() && stat.size <= MAX_TOKEN_FILE_BYTES) tokens.push(readFileSync(file, 'utf8'));
    } catch {
      // Not readable now: the command that needs the token reports it.
    }
  }
  return tokens.map((t) => t?.trim() ?? '').filter((t) => t !== '');
}

/**
 * Data orgdeck writes back (a dump, a plan) exactly as it is: redacting it would change values
 * that a later sync writes back. Data holding a token (a whole `kpat_`/`spat_` token, or the one
 * this run uses) is refused with a sentence saying where the token is. `data` is what `text`
 * was made from; `wayOut` ends the sentence.
 */
export function checkForSecrets(io: Io, data: unknown, text: string, what: string, wayOut: string): string {
  const secrets = io.secrets ?? new Secrets();
  const where = findSecretIn(data, secrets) ?? (secrets.holdsSecret(text) ? 'its text' : undefined);
  if (where === undefined) return text;
  throw new UsageError(`${what} was not written: ${where} holds a Konnect access token (or the token this run uses). orgdeck never writes a token out, and never alters a value to hide one: ${wayOut}`);
}

export function processIo(): Io {
  // A reader that stopped early (`orgdeck --help | head -3`) left the rest of stdout unread: drop
  // it, and let the command end as it would (a sync stopped halfway would be worse than unheard).
  let readerGone = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    readerGone = true;
  });
  return {
    stdout: (t) => readerGone || process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY && process.stdin.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    readStdin: () => readAtMostLimit(0),
    confirm: askOnTerminal,
    onInterrupt: (handler) => {
      let seen = 0;
      const on = () => {
        if (++seen === 1) return handler();
        process.stderr.write('Interrupted again: exiting now. Run sync again to finish.\n');
        process.exit(130);
      };
      process.on('SIGINT', on);
      process.on('SIGTERM', on);
      return () => {
        process.off('SIGINT', on);
        process.off('SIGTERM', on);
      };
    },
    waitForStop: () =>
      new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}

async function askOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/**
 * Whether to colour stdout. Strongest first: `--no-color`; NO_COLOR set and not empty
 * (https://no-color.org); FORCE_COLOR (0 or false: never; anything else: even without a
 * terminal, as in Node and supports-color); TERM=dumb; otherwise only on a terminal.
 */
export function useColour(io: Io): boolean {
  if (io.noColour) return false;
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (io.env.TERM === 'dumb') return false;
  return io.isTTY;
}
