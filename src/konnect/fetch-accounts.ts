/**
 * System accounts as the live state holds them, and whom the token belongs to (whoami.ts).
 * Accounts are read only when the file manages them; the token's own account always is, so the
 * lock-out guard knows the access it runs with.
 */
import { UsageError } from '../errors.js';
import type { LiveState, LiveSystemAccount } from '../live.js';
import type { ApiSystemAccount } from './api-types.js';
import type { KonnectClient } from './client.js';
import { listAccessTokens } from './fetch-tokens.js';
import { listAll } from './paginate.js';
import { SHAPES } from './shape.js';
import { type MeAnswer, decideWhoami, readTokenAccount } from './whoami.js';

export interface AccountScope {
  /** undefined = every account is in scope (unlisted_system_accounts: remove). */
  names?: ReadonlySet<string>;
}

export type ListRoles = (client: KonnectClient, path: string) => Promise<LiveSystemAccount['roles']>;

export function listSystemAccounts(client: KonnectClient): Promise<ApiSystemAccount[]> {
  return listAll(client, 'global', '/v3/system-accounts', SHAPES.systemAccounts);
}

/** One account with the ids of its teams and its grants. */
export async function readSystemAccount(client: KonnectClient, a: ApiSystemAccount, listRoles: ListRoles): Promise<LiveSystemAccount> {
  const [teams, roles] = await Promise.all([
    listAll(client, 'global', `/v3/system-accounts/${a.id}/teams`, SHAPES.teamIds),
    listRoles(client, `/v3/system-accounts/${a.id}/assigned-roles`),
  ]);
  return {
    id: a.id,
    name: a.name,
    description: a.description ? a.description : null,
    konnectManaged: a.konnect_managed === true,
    teamIds: teams.map((t) => t.id),
    roles,
  };
}

/**
 * The accounts in scope (when managed) and the token's identity: `me` for a user's token,
 * `tokenAccount` otherwise. `accounts` is the list when the file manages accounts.
 */
export async function readAccountsAndIdentity(
  client: KonnectClient,
  answer: MeAnswer,
  users: readonly { id: string }[],
  accounts: ApiSystemAccount[] | undefined,
  scope: AccountScope | undefined,
  named: string | undefined,
  listRoles: ListRoles,
): Promise<Pick<LiveState, 'me' | 'tokenAccount' | 'systemAccounts'>> {
  let who = decideWhoami(answer, users, accounts, named);
  let all = accounts;
  if (who.kind !== 'user' && !all) {
    all = await listSystemAccounts(client);
    who = decideWhoami(answer, users, all, named);
  }
  const read = new Map<string, Promise<LiveSystemAccount>>();
  const once = (a: ApiSystemAccount) => {
    if (!read.has(a.id)) read.set(a.id, readSystemAccount(client, a, listRoles));
    return read.get(a.id)!;
  };
  const inScope = scope && accounts ? accounts.filter((a) => !scope.names || scope.names.has(a.name)) : undefined;
  const [systemAccounts, tokenAccount] = await Promise.all([
    inScope ? Promise.all(inScope.map(once)) : undefined,
    who.kind === 'user' ? undefined : readTokenAccount(who, all ?? [], once),
  ]);
  if (tokenAccount?.named && tokenAccount.account) await checkNamedAccount(client, tokenAccount.account, systemAccounts ?? []);
  return {
    ...(who.kind === 'user' ? { me: { id: who.id, email: who.email } } : {}),
    ...(tokenAccount ? { tokenAccount } : {}),
    ...(systemAccounts ? { systemAccounts } : {}),
  };
}

/**
 * A name given with --konnect-system-account is the operator's word, which Konnect does not
 * confirm. The one thing the API says about whose a token is: an account's list of tokens. An
 * account with no token valid now cannot be the token's, so naming one is refused; and each
 * account in scope is marked with whether it holds one, so that the guard never lets a plan
 * delete another account that may be the token's own (plan/guards-accounts.ts).
 */
async function checkNamedAccount(client: KonnectClient, named: LiveSystemAccount, accounts: readonly LiveSystemAccount[]): Promise<void> {
  const [own] = await Promise.all([
    holdsLiveToken(client, named.id),
    ...accounts.map(async (a) => {
      const held = await holdsLiveToken(client, a.id);
      if (held !== undefined) a.liveToken = held;
    }),
  ]);
  if (own === false) {
    throw new UsageError(`--konnect-system-account names "${named.name}", but that account holds no access token valid now (GET /v3/system-accounts/${named.id}/access-tokens), so the token orgdeck uses cannot be its. Name the account the token belongs to.`);
  }
}

/** Whether the account holds an access token that has not expired; undefined when Konnect would not say (403, 404). */
async function holdsLiveToken(client: KonnectClient, id: string): Promise<boolean | undefined> {
  const tokens = await listAccessTokens(client, id);
  if (tokens === undefined) return undefined;
  const now = Date.now();
  return tokens.some((t) => t.expires_at === undefined || Date.parse(t.expires_at) > now);
}
