/** `orgdeck serve`: a local Konnect-compatible organization to rehearse against (not Konnect). */
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { Command } from 'commander';
import { StateFileError, UsageError } from '../../src/errors.js';
import { loadSeed } from '../../src/file/seed.js';
import { readStateSources } from '../../src/file/read.js';
import { exposureWarning } from '../../src/local-org/exposure.js';
import type { SeedDocument } from '../../src/local-org/index.js';
import { escapeControls } from '../../src/text/terminal.js';
import type { Io } from '../io.js';
import type { ExitBox } from '../exit-box.js';

interface ServeFlags {
  host: string;
  port: string;
  seed?: string;
  data?: string;
  token?: string;
  owner: string;
  systemAccount?: string;
  latency?: string;
  rateLimit?: string;
  failRate?: string;
  faultSeed?: string;
  faultRetryAfter?: boolean;
}

export function registerServe(program: Command, io: Io, exit: ExitBox, waitForStop: () => Promise<void>): void {
  program
    .command('serve')
    .description('run a local Konnect-compatible organization to rehearse against')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 = any free port)', '8080')
    .option('--seed <file>', 'initial organization: a state file plus control_planes and api_products')
    .option('--data <file>', 'persist the organization here after every write, and reload it on start')
    .option('--token <token>', 'the owner\'s token (default: a new random kpat_… token)')
    .option('--owner <email>', 'the token\'s user, a member of Organization Admin', 'owner@example.com')
    .option('--system-account <name>', 'hand out a system account token (spat_…) of this seeded account instead of the owner\'s')
    .option('--latency <ms>', 'answer every request this many milliseconds after it arrives')
    .option('--rate-limit <n>', 'requests per minute per token before 429')
    .option('--fail-rate <p>', 'share of requests (0-1) answered 5xx or cut')
    .option('--fault-seed <n>', 'make --fail-rate reproducible')
    .option('--fault-retry-after', 'injected 5xx also carry Retry-After (the seconds left in the --rate-limit window)')
    .action(async (flags: ServeFlags) => {
      const seed = flags.seed ? readSeed(flags.seed, io) : undefined;
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(flags.owner)) throw new UsageError(`--owner takes an email address, not "${flags.owner}".`);
      if (flags.data && seed && existsSync(flags.data)) {
        io.stderr(`Note: ${flags.data} exists, so the org is loaded from it and --seed is used only by POST /_local/reset. Delete the file to start from the seed.\n`);
      }
      const port = int(flags.port, '--port', 0);
      if (port > 65535) throw new UsageError(`--port takes 0 to 65535, not ${port}.`);
      // Loaded here, not with the program: no other command needs the local org's server.
      const { startLocalOrg } = await import('../../src/local-org/index.js');
      const org = await startLocalOrg({
        host: flags.host,
        port,
        owner: flags.owner,
        ...(seed ? { seed } : {}),
        ...(flags.data ? { dataFile: flags.data } : {}),
        ...(flags.token ? { token: flags.token } : {}),
        ...(flags.systemAccount ? { systemAccount: flags.systemAccount } : {}),
        ...(flags.latency ? { latencyMs: int(flags.latency, '--latency', 0) } : {}),
        ...(flags.rateLimit ? { rateLimit: int(flags.rateLimit, '--rate-limit', 1) } : {}),
        ...(flags.failRate ? { failRate: rate(flags.failRate) } : {}),
        ...(flags.faultSeed ? { faultSeed: int(flags.faultSeed, '--fault-seed', 0) } : {}),
        ...(flags.faultRetryAfter ? { retryAfterOnFaults: true } : {}),
      }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE') throw new UsageError(`Port ${port} on ${flags.host} is already in use. Pick another with --port (0 = any free port), or stop what is using it.`);
        if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new UsageError(`Cannot listen on ${flags.host}: not an address of this machine.`);
        throw err;
      });
      io.stderr(`orgdeck serve: a local Konnect-compatible organization (not Konnect) on ${org.baseUrl}\n`);
      const warning = exposureWarning(flags.host, Number(new URL(org.baseUrl).port), networkInterfaces());
      if (warning) io.stderr(`${warning}\n`);
      io.stderr('Point orgdeck at it with:\n');
      const account = flags.systemAccount ? ` KONNECT_SYSTEM_ACCOUNT='${flags.systemAccount.replaceAll("'", "'\\''")}'` : '';
      io.stdout(`export KONNECT_ADDR='${org.addr}' KONNECT_TOKEN='${org.token}'${account}\n`);
      // They answer 401 without the token, like the API: say so, or a first curl looks broken.
      io.stderr(`Rehearsal helpers, with the same token (curl -H "Authorization: Bearer $KONNECT_TOKEN" ${org.baseUrl}/_local/requests): POST /_local/invites/accept {email, full_name}, GET /_local/requests, POST /_local/reset. Ctrl-C stops.\n`);
      await waitForStop();
      await org.stop();
      io.stderr('orgdeck serve: stopped.\n');
      exit.code = 0;
    });
}

function readSeed(path: string, io: Io): SeedDocument {
  const sources = readStateSources([path], () => io.readStdin());
  // A seed is one document (it may carry control_planes and the rest): a folder of several is not merged.
  if (sources.length > 1) throw new UsageError(`--seed takes one file, and "${escapeControls(path)}" is a folder of ${sources.length} state files. Give one of them, e.g. --seed ${escapeControls(sources[0]!.name)}.`);
  const [source] = sources;
  const { seed, problems } = loadSeed(source!, io.env);
  if (!seed) throw new StateFileError(problems);
  return seed as SeedDocument;
}

function int(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} takes a whole number of at least ${min}, not "${value}".`);
  return n;
}

function rate(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new UsageError(`--fail-rate takes a share between 0 and 1, not "${value}".`);
  return n;
}
