/** Flags and environment for every command that reaches Konnect, and the client they make. */
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { UsageError } from '../src/errors.js';
import { checkAddr, DEFAULT_ADDR } from '../src/konnect/addr.js';
import { type AttemptInfo, type Exchange, KonnectClient } from '../src/konnect/client.js';
import type { FetchOptions } from '../src/konnect/fetch.js';
import { DEFAULT_MAX_WAIT_S, MAX_MAX_WAIT_S, type RetryPolicy } from '../src/konnect/retry.js';
import { undiciTransport } from '../src/konnect/transport.js';
import { VERSION } from '../src/version.js';
import { envNameOf } from './env-flags.js';
import type { Io } from './io.js';
import { type Progress, SILENT, startProgress } from './progress.js';
import { describeExchange, verboseLevel } from './verbose.js';

export interface ConnectionFlags {
  konnectAddr?: string;
  konnectToken?: string;
  konnectTokenFile?: string;
  konnectSystemAccount?: string;
  timeout: string;
  maxWait?: string;
  parallelism: string;
  quiet?: boolean;
  verbose?: string | boolean;
}

export function addConnectionOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--konnect-addr <template>', `address template, {region} = global|us|eu|au|me|in|sg (or KONNECT_ADDR; default ${DEFAULT_ADDR})`))
    .addOption(new Option('--konnect-token-file <path>', 'read the token from this file (preferred, with env KONNECT_TOKEN)'))
    .addOption(new Option('--konnect-token <token>', 'the token (for decK parity; prefer KONNECT_TOKEN or --konnect-token-file: flags show in process lists)'))
    .addOption(new Option('--konnect-system-account <name>', 'with a system account token (spat_…): the account it belongs to, which sync never locks out (or KONNECT_SYSTEM_ACCOUNT)'))
    .option('--timeout <seconds>', 'time limit for each request', '30')
    // Konnect's rate limit is per minute (it has asked for 48 s and 77 s): 300 s covers a few
    // windows, and still ends a CI job that Retry-After: 3600 would hang for an hour.
    .option('--max-wait <seconds>', `longest wait Konnect may ask for (Retry-After, RateLimit-Reset) before orgdeck stops instead (1-${MAX_MAX_WAIT_S})`, String(DEFAULT_MAX_WAIT_S))
    .option('--parallelism <n>', 'most requests in flight at any moment', '8')
    .option('--quiet', 'no progress line on stderr')
    .option('--verbose [level]', 'a line per request on stderr: method, path, status, ms, trace id, try (2: with bodies, redacted)')
    .hook('preAction', (c) => {
      // --konnect-token comes before --konnect-token-file, but the command line before ORGDECK_*.
      if (c.getOptionValueSource('konnectTokenFile') === 'cli' && c.getOptionValueSource('konnectToken') === 'env') c.setOptionValueWithSource('konnectToken', undefined, 'default');
      // A bad level typed on the command line is refused even by a command that ends up offline.
      if (c.getOptionValueSource('verbose') === 'cli') verboseLevel(c.getOptionValue('verbose'), { env: {} });
    });
}

/** The command's progress line on stderr (silent with --quiet). */
export function progressFor(flags: ConnectionFlags, io: Io): Progress {
  return startProgress((t) => io.stderr(t), Boolean(io.stderrIsTTY), Boolean(flags.quiet));
}

/** What a command may add: `observe` sees every exchange (ping reads rate-limit headers from it), `retry` replaces the policy. */
export interface ClientExtras {
  observe?: (e: Exchange) => void;
  retry?: RetryPolicy;
}

/** The client for the flags; with --verbose each exchange is printed above the progress line. */
export function makeClient(flags: ConnectionFlags, io: Io, onAttempt?: (a: AttemptInfo) => void, progress?: Progress, { observe, retry }: ClientExtras = {}): KonnectClient {
  const addr = checkAddr(flags.konnectAddr ?? io.env.KONNECT_ADDR ?? DEFAULT_ADDR);
  const parallelism = wholeInRange(flags.parallelism, '--parallelism', MAX_PARALLELISM, 'requests');
  const timeoutMs = wholeInRange(flags.timeout, '--timeout', MAX_TIMEOUT_S, 'seconds') * 1000;
  const maxWaitMs = maxWaitSeconds(flags.maxWait) * 1000;
  const { token, source: tokenSource } = readToken(flags, io);
  const level = verboseLevel(flags.verbose, io);
  const onExchange = level || observe ? (e: Exchange) => {
    observe?.(e);
    if (level) (progress ?? SILENT).above(() => io.stderr(describeExchange(e, level, io.secrets)));
  } : undefined;
  return new KonnectClient({
    addr,
    token,
    tokenSource,
    transport: undiciTransport(parallelism, io.env),
    parallelism,
    timeoutMs,
    maxWaitMs,
    userAgent: `orgdeck/${VERSION}`,
    ...(retry ? { retry } : {}),
    onAttempt: (a) => {
      progress?.onRequest();
      onAttempt?.(a);
    },
    ...(progress ? { onEvent: progress.onEvent } : {}),
    ...(onExchange ? { onExchange } : {}),
  });
}

/** How to read the live org beyond the scope: whose token this is, when it is not a user's. */
export function fetchOptions(flags: ConnectionFlags, io: Io): FetchOptions {
  const name = (flags.konnectSystemAccount ?? io.env.KONNECT_SYSTEM_ACCOUNT)?.trim();
  // Only a system account's token (or a named account) may find GET /v3/users/me refused;
  // for any other token that refusal is the error it always was.
  const spat = readToken(flags, io).token.startsWith('spat_');
  return { ...(name ? { systemAccount: name } : {}), ...(spat || name ? { notUserToken: true } : {}) };
}

/** The token and where it came from: every token error names the source, never the token. */
export function readToken(flags: Pick<ConnectionFlags, 'konnectToken' | 'konnectTokenFile'>, io: Io): { token: string; source: string } {
  const read = readTokenFrom(flags, io);
  // Every reader registers it: fetchOptions may read it before makeClient does.
  io.secrets?.add(read.token);
  return read;
}

function readTokenFrom(flags: Pick<ConnectionFlags, 'konnectToken' | 'konnectTokenFile'>, io: Io): { token: string; source: string } {
  // Set from ORGDECK_* (env-flags.ts): the error names the variable the user set.
  const named = (flag: string, value: string) => (io.env[envNameOf(flag)] === value ? envNameOf(flag) : flag);
  if (flags.konnectToken !== undefined) return checkToken(flags.konnectToken, named('--konnect-token', flags.konnectToken));
  if (flags.konnectTokenFile !== undefined) {
    const source = `${named('--konnect-token-file', flags.konnectTokenFile)} ${flags.konnectTokenFile}`;
    let text: string;
    try {
      text = readFileSync(flags.konnectTokenFile, 'utf8');
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a directory' : 'check the path and its permissions';
      throw new UsageError(`Cannot read the token file given with ${source}: ${why}.`);
    }
    return checkToken(text, source);
  }
  if (io.env.KONNECT_TOKEN?.trim()) return checkToken(io.env.KONNECT_TOKEN, 'KONNECT_TOKEN');
  throw new UsageError('No Konnect token. Set KONNECT_TOKEN, or pass --konnect-token-file PATH (a personal access token kpat_… or a system account token spat_…).');
}

/** Surrounding whitespace (a file's last newline) is dropped; anything else that cannot go in a header is refused. */
function checkToken(raw: string, source: string): { token: string; source: string } {
  const token = raw.trim();
  if (!token) throw new UsageError(`The token from ${source} is empty. Give a personal access token (kpat_…) or a system account token (spat_…).`);
  const bad = token.search(/[^\x21-\x7e]/);
  if (bad >= 0) {
    const what = /[\r\n]/.test(token[bad]!) ? 'a line break' : /\s/.test(token[bad]!) ? 'a space' : /[\x00-\x1f\x7f]/.test(token[bad]!) ? 'a control character' : 'a character that is not plain ASCII';
    throw new UsageError(`The token from ${source} has ${what} at character ${bad + 1}; a token is one line of letters, digits and underscores. Copy it again (a file may hold only the token).`);
  }
  return { token, source };
}

/**
 * An hour: a request that has not answered by then will not. Node's timers hold at most about
 * 24.8 days; past that a timeout fires at once and looked like a network failure.
 */
const MAX_TIMEOUT_S = 3600;
/** Konnect's rate limit is per minute: more requests in flight only meet 429s sooner. */
const MAX_PARALLELISM = 64;

function wholeInRange(value: string, flag: string, max: number, unit: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(n) || n < 1 || n > max) {
    throw new UsageError(`${flag} (or ${envNameOf(flag)}) takes a whole number of ${unit} from 1 to ${max}, not "${value}".`);
  }
  return n;
}

/** --max-wait in seconds: whole, at least 1, at most a day (a longer wait is an outage, not a rate limit). */
function maxWaitSeconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_WAIT_S;
  const n = Number(value);
  // Digits only, as --timeout: Number() would also take 1e3, 0x10 and padding.
  if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(n) || n < 1 || n > MAX_MAX_WAIT_S) {
    throw new UsageError(`--max-wait (or ${envNameOf('--max-wait')}) takes a whole number of seconds from 1 to ${MAX_MAX_WAIT_S} (a day), not "${value}". The default is ${DEFAULT_MAX_WAIT_S}.`);
  }
  return n;
}
