/**
 * Whom the token belongs to. Konnect documents `GET /v3/users/me` for personal access tokens
 * only (its `security` lists no system-account token), and not what it answers to a
 * system-account token (`spat_…`). The rule, whichever way Konnect answers:
 *
 * 1. `/v3/users/me` answers 200 with a user the org lists → the token is that user's.
 * 2. It answers 200 with the id of a system account → the token is that account's.
 * 3. Otherwise (401, 403, 404, or a body that is neither) the token is not a user's. Nothing in
 *    the API tells a system-account token's account (its access tokens show no secret), so the
 *    operator names it: `--konnect-system-account NAME` (or KONNECT_SYSTEM_ACCOUNT), checked
 *    against the account's token list as far as it goes (fetch-accounts.ts). Without a
 *    name orgdeck still reads, diffs and dumps, and the lock-out guard refuses any plan that
 *    could take admin access away from a system account, since it might be the token's own.
 */
import { ApiError, UsageError } from '../errors.js';
import type { LiveSystemAccount, TokenAccount } from '../live.js';
import type { ApiSystemAccount, ApiUser } from './api-types.js';
import type { KonnectClient } from './client.js';
import { checkShape, SHAPES } from './shape.js';

export type MeAnswer = { ok: true; body: Partial<ApiUser> } | { ok: false; status: number };

/**
 * The answer of GET /v3/users/me; an error status is an answer too (rule 3), not a failure. A
 * 200 must be a User, or at least carry a uuid `id` (rule 2); anything else is a ResponseError.
 */
export async function askMe(client: KonnectClient, mayBeAccount: boolean): Promise<MeAnswer> {
  try {
    const res = await client.call('global', 'GET', '/v3/users/me');
    if (SHAPES.user.validate(res.body) || hasUuidId(res.body)) return { ok: true, body: res.body as Partial<ApiUser> };
    return { ok: true, body: checkShape(SHAPES.user, res.body, 'GET', '/v3/users/me', res.status) };
  } catch (err) {
    if (mayBeAccount && err instanceof ApiError && [401, 403, 404].includes(err.api.status)) return { ok: false, status: err.api.status };
    throw err;
  }
}

function hasUuidId(body: unknown): boolean {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

export type Whoami =
  | { kind: 'user'; id: string; email: string }
  | { kind: 'system-account'; id: string; how: string }
  | { kind: 'unknown'; how: string }
  | { kind: 'named'; name: string; how: string };

/**
 * Rules 1-3 over the answer and the lists already read. `accounts` is the list of system
 * accounts when it was read (undefined otherwise); `named` is --konnect-system-account.
 */
export function decideWhoami(me: MeAnswer, users: readonly { id: string }[], accounts: readonly ApiSystemAccount[] | undefined, named: string | undefined): Whoami {
  const body = me.ok ? me.body : {};
  const id = typeof body.id === 'string' ? body.id : undefined;
  if (id && typeof body.email === 'string' && users.some((u) => u.id === id)) {
    if (named) throw new UsageError(`--konnect-system-account names "${named}", but the token belongs to the user ${body.email} (GET /v3/users/me). Drop the flag, or use the system account's token.`);
    return { kind: 'user', id, email: body.email.toLowerCase() };
  }
  const answered = me.ok ? 'answered with no user of this organization' : `answered ${me.status}`;
  const account = id ? accounts?.find((a) => a.id === id) : undefined;
  if (account) return { kind: 'system-account', id: account.id, how: `GET /v3/users/me ${answered} but with the id of system account "${account.name}"` };
  if (named) return { kind: 'named', name: named, how: `GET /v3/users/me ${answered}, so the token is not a user's; --konnect-system-account names its account` };
  return { kind: 'unknown', how: `GET /v3/users/me ${answered}, so the token is not a user's (a system-account token?), and no --konnect-system-account NAME says which account it is` };
}

/** The token's system account, read in full (its teams and grants) by `readAccount`. */
export async function readTokenAccount(
  who: Exclude<Whoami, { kind: 'user' }>,
  accounts: readonly ApiSystemAccount[],
  readAccount: (a: ApiSystemAccount) => Promise<LiveSystemAccount>,
): Promise<TokenAccount> {
  if (who.kind === 'unknown') return { how: who.how };
  const found = who.kind === 'system-account' ? accounts.find((a) => a.id === who.id) : accounts.find((a) => a.name === who.name);
  if (!found) throw new UsageError(`--konnect-system-account names "${(who as { name: string }).name}", but Konnect has no system account of that name (names compare exactly). Check the name.`);
  return { account: await readAccount(found), how: who.how, ...(who.kind === 'named' ? { named: true } : {}) };
}
