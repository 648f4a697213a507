/**
 * System accounts as the live state holds them, and whom the token belongs to (whoami.ts).
 * Accounts are read only when the file manages them; the token's own account always is, so the
 * lock-out guard knows the access it runs with.
 */
import type { LiveState, LiveSystemAccount } from '../live.js';
import type { ApiSystemAccount } from './api-types.js';
import type { KonnectClient } from './client.js';
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
  return {
    ...(who.kind === 'user' ? { me: { id: who.id, email: who.email } } : {}),
    ...(tokenAccount ? { tokenAccount } : {}),
    ...(systemAccounts ? { systemAccounts } : {}),
  };
}
