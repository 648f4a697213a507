/**
 * System-account access tokens as Konnect lists them: never the secret, only names and dates.
 * The local org authenticates one token (the one it hands out); tokens made with POST are
 * listed and revoked like Konnect's, but are not accepted on requests.
 */
import { randomInt } from 'node:crypto';
import { type AccessTokenRecord, type OrgData, type OrgEnv, timestamp } from '../types.js';
import { conflict, notFound } from './errors.js';

const YEAR_MS = 365 * 86_400_000;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function tokensOf(data: OrgData, accountId: string): AccessTokenRecord[] {
  return (data.access_tokens ?? []).filter((t) => t.account_id === accountId);
}

/** POST …/access-tokens: the record, and the secret, shown this once. */
export function createAccessToken(data: OrgData, env: OrgEnv, accountId: string, input: { name: string; expires_at: string }): AccessTokenRecord & { token: string } {
  if (tokensOf(data, accountId).some((t) => t.name === input.name)) throw conflict(`The system account already has a token named ${input.name}`);
  const now = timestamp(env);
  const record: AccessTokenRecord = { id: env.newId(), account_id: accountId, name: input.name, created_at: now, updated_at: now, expires_at: input.expires_at };
  data.access_tokens = [...(data.access_tokens ?? []), record];
  let token = 'spat_';
  for (let i = 0; i < 48; i++) token += ALPHABET[randomInt(ALPHABET.length)];
  return { ...record, token };
}

export function deleteAccessToken(data: OrgData, accountId: string, tokenId: string): void {
  if (!tokensOf(data, accountId).some((t) => t.id === tokenId)) throw notFound('access token');
  data.access_tokens = (data.access_tokens ?? []).filter((t) => t.id !== tokenId);
}

/** The token the local org hands out to a seeded account (serve --system-account): listed on it, valid a year. */
export function recordHandedOutToken(data: OrgData, env: OrgEnv, accountName: string): void {
  const account = data.system_accounts.find((a) => a.name === accountName);
  if (!account || tokensOf(data, account.id).length > 0) return;
  createAccessToken(data, env, account.id, { name: 'orgdeck serve', expires_at: new Date(env.now().getTime() + YEAR_MS).toISOString() });
}
