/** `orgdeck ping [--region R]…`: one short check that orgdeck can work here, as `deck gateway ping` is. */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { EXIT } from '../../src/errors.js';
import { REGIONS, type Region } from '../../src/model.js';
import { pingKonnect } from '../../src/konnect/ping.js';
import { rateLimitHeaders, renderPing } from '../../src/konnect/ping-report.js';
import { DEFAULT_RETRY } from '../../src/konnect/retry.js';
import { escapeControls } from '../../src/text/terminal.js';
import { addConnectionOptions, type ConnectionFlags, fetchOptions, makeClient } from '../connection.js';
import type { Io } from '../io.js';
import type { ExitBox } from '../exit-box.js';

interface PingFlags extends ConnectionFlags {
  region: Region[];
}

export function registerPing(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program
    .command('ping')
    .description('check the address, the token, whose it is, its organization and its rights, and the rate limit, in a few requests')
    .addOption(new Option('--region <region>', 'also reach this regional host (repeatable): where your grants\' control planes and API products live').argParser(collect).default([]));
  addConnectionOptions(cmd).action(async (flags: PingFlags) => {
    let rateLimit: Record<string, string> = {};
    const observe = (e: { responseHeaders?: Readonly<Record<string, string>> }) => {
      const seen = rateLimitHeaders(e.responseHeaders ?? {});
      if (Object.keys(seen).length) rateLimit = seen;
    };
    // One try per request: ping says what happens now, and an unreachable host should not take
    // the retries' half a minute to say so.
    const client = makeClient(flags, io, undefined, undefined, { observe, retry: { ...DEFAULT_RETRY, maxTries: 1 } });
    const how = fetchOptions(flags, io);
    const report = await pingKonnect(client, { regions: [...new Set(flags.region)], ...(how.systemAccount ? { systemAccount: how.systemAccount } : {}), notUserToken: how.notUserToken === true });
    io.stdout(renderPing({ ...report, rateLimit }));
    for (const problem of report.problems) io.stderr(`Problem: ${escapeControls(problem)}\n`);
    exit.code = report.problems.length ? EXIT.error : EXIT.ok;
  });
}

function collect(value: string, previous: Region[]): Region[] {
  if (!(REGIONS as readonly string[]).includes(value)) throw new InvalidArgumentError(`Konnect's regions are ${REGIONS.join(', ')}.`);
  return [...previous, value as Region];
}
