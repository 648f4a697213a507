/**
 * System accounts' access tokens, read for `orgdeck report` alone: their names and dates, never
 * their secret (the list carries none, and each record is rebuilt field by field, so a secret the
 * server might add never travels further).
 */
import { ApiError } from '../errors.js';
import type { LiveAccessToken, LiveSystemAccount } from '../live.js';
import type { ApiAccessToken } from './api-types.js';
import type { KonnectClient } from './client.js';
import { listAll } from './paginate.js';
import { SHAPES } from './shape.js';

/** The account's tokens as listed; undefined when Konnect will not say (403, 404). */
export async function listAccessTokens(client: KonnectClient, accountId: string): Promise<ApiAccessToken[] | undefined> {
  try {
    return await listAll(client, 'global', `/v3/system-accounts/${accountId}/access-tokens`, SHAPES.accessTokens);
  } catch (err) {
    if (err instanceof ApiError && (err.api.status === 403 || err.api.status === 404)) return undefined;
    throw err;
  }
}

/** Each account with its tokens; `accessTokens: null` where Konnect would not list them. */
export function readAccessTokensOf(client: KonnectClient, accounts: readonly LiveSystemAccount[]): Promise<LiveSystemAccount[]> {
  return Promise.all(
    accounts.map(async (a) => {
      const tokens = await listAccessTokens(client, a.id);
      return { ...a, accessTokens: tokens === undefined ? null : tokens.map(toLiveToken) };
    }),
  );
}

function toLiveToken(t: ApiAccessToken): LiveAccessToken {
  return { name: t.name ?? null, createdAt: t.created_at ?? null, lastUsedAt: t.last_used_at ?? null, expiresAt: t.expires_at ?? null };
}
