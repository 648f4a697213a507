/** Flags and environment for every command that reaches Konnect, and the client they make. */
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { UsageError } from '../src/errors.js';
import { checkAddr, DEFAULT_ADDR } from '../src/konnect/addr.js';
import { type AttemptInfo, KonnectClient } from '../src/konnect/client.js';
import { undiciTransport } from '../src/konnect/transport.js';
import { VERSION } from '../src/version.js';
import type { Io } from './io.js';
import { type Progress, startProgress } from './progress.js';

export interface ConnectionFlags {
  konnectAddr?: string;
  konnectToken?: string;
  konnectTokenFile?: string;
  timeout: string;
  parallelism: string;
  quiet?: boolean;
}

export function addConnectionOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--konnect-addr <template>', `address template, {region} = global|us|eu|au|me|in|sg (env KONNECT_ADDR; default ${DEFAULT_ADDR})`))
    .addOption(new Option('--konnect-token-file <path>', 'read the token from this file (preferred, with env KONNECT_TOKEN)'))
    .addOption(new Option('--konnect-token <token>', 'the token (for decK parity; prefer KONNECT_TOKEN or --konnect-token-file: flags show in process lists)'))
    .option('--timeout <seconds>', 'time limit for each request', '30')
    .option('--parallelism <n>', 'most requests in flight at any moment', '8')
    .option('--quiet', 'no progress line on stderr');
}

/** The command's progress line on stderr (silent with --quiet). */
export function progressFor(flags: ConnectionFlags, io: Io): Progress {
  return startProgress((t) => io.stderr(t), Boolean(io.stderrIsTTY), Boolean(flags.quiet));
}

export function makeClient(flags: ConnectionFlags, io: Io, onAttempt?: (a: AttemptInfo) => void, progress?: Progress): KonnectClient {
  const addr = checkAddr(flags.konnectAddr ?? io.env.KONNECT_ADDR ?? DEFAULT_ADDR);
  const parallelism = positiveInt(flags.parallelism, '--parallelism');
  const timeoutMs = positiveInt(flags.timeout, '--timeout') * 1000;
  return new KonnectClient({
    addr,
    token: readToken(flags, io),
    transport: undiciTransport(parallelism),
    parallelism,
    timeoutMs,
    userAgent: `orgdeck/${VERSION}`,
    onAttempt: (a) => {
      progress?.onRequest();
      onAttempt?.(a);
    },
    ...(progress ? { onEvent: progress.onEvent } : {}),
  });
}

function readToken(flags: ConnectionFlags, io: Io): string {
  if (flags.konnectToken) return flags.konnectToken.trim();
  if (flags.konnectTokenFile) {
    let text: string;
    try {
      text = readFileSync(flags.konnectTokenFile, 'utf8');
    } catch {
      throw new UsageError(`Cannot read the token file "${flags.konnectTokenFile}". Check the path and its permissions.`);
    }
    const token = text.trim();
    if (!token) throw new UsageError(`The token file "${flags.konnectTokenFile}" is empty.`);
    return token;
  }
  const env = io.env.KONNECT_TOKEN?.trim();
  if (env) return env;
  throw new UsageError('No Konnect token. Set KONNECT_TOKEN, or pass --konnect-token-file PATH (a personal access token kpat_… or a system account token spat_…).');
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes a whole number of at least 1, not "${value}".`);
  return n;
}
