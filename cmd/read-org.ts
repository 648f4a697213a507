/** Read the organization (all of it, or a dump's label scope) the way dump does: progress line, pacing, response checks, Ctrl-C, whose token. */
import { EVERYTHING } from '../src/diff/scope.js';
import type { FetchScope } from '../src/konnect/fetch.js';
import { fetchLiveState } from '../src/konnect/fetch.js';
import { readAccessTokensOf } from '../src/konnect/fetch-tokens.js';
import type { LiveState } from '../src/live.js';
import { type ConnectionFlags, fetchOptions, makeClient, progressFor } from './connection.js';
import { unlessInterrupted } from './interrupt.js';
import type { Io } from './io.js';
import { sayWhoseToken } from './pipeline.js';

/** accessTokens: also list each system account's tokens (report alone: dump and diff never ask for them). */
export async function readWholeOrg(flags: ConnectionFlags, io: Io, scope: FetchScope = EVERYTHING, opts: { accessTokens?: boolean } = {}): Promise<LiveState> {
  const progress = progressFor(flags, io);
  const client = makeClient(flags, io, undefined, progress);
  const reading = fetchLiveState(client, scope, progress.onEvent, fetchOptions(flags, io)).then(async (live) =>
    opts.accessTokens && live.systemAccounts ? { ...live, systemAccounts: await readAccessTokensOf(client, live.systemAccounts) } : live,
  );
  const live = await unlessInterrupted(io, progress, 'written', reading, () => client.abandon('interrupted')).finally(() => progress.stop());
  sayWhoseToken(live, io);
  return live;
}
