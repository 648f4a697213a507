/** System accounts: names are unique (409 on create and rename); Konnect-managed ones are read-only. */
import { type OrgData, type OrgEnv, type SystemAccountRecord, timestamp } from '../types.js';
import { OrgError, conflict, notFound } from './errors.js';
import { without } from './lookup.js';

export function findSystemAccount(data: OrgData, id: string): SystemAccountRecord {
  const account = data.system_accounts.find((a) => a.id === id);
  if (!account) throw notFound('system account');
  return account;
}

function assertNameFree(data: OrgData, name: string, exceptId?: string): void {
  if (data.system_accounts.some((a) => a.name === name && a.id !== exceptId)) {
    throw conflict(`A system account named ${name} already exists`);
  }
}

function assertEditable(account: SystemAccountRecord): void {
  if (account.konnect_managed) throw new OrgError('forbidden', 'Konnect managed system accounts cannot be modified');
}

export interface NewSystemAccount {
  name: string;
  description: string;
  konnect_managed?: boolean;
}

export function createSystemAccount(data: OrgData, env: OrgEnv, input: NewSystemAccount): SystemAccountRecord {
  assertNameFree(data, input.name);
  const now = timestamp(env);
  const account: SystemAccountRecord = {
    id: env.newId(),
    name: input.name,
    description: input.description,
    konnect_managed: input.konnect_managed ?? false,
    created_at: now,
    updated_at: now,
  };
  data.system_accounts.push(account);
  return account;
}

export function updateSystemAccount(
  data: OrgData,
  env: OrgEnv,
  id: string,
  patch: { name?: string; description?: string },
): SystemAccountRecord {
  const account = findSystemAccount(data, id);
  assertEditable(account);
  if (patch.name !== undefined) assertNameFree(data, patch.name, id);
  if (patch.name !== undefined) account.name = patch.name;
  if (patch.description !== undefined) account.description = patch.description;
  account.updated_at = timestamp(env);
  return account;
}

export function deleteSystemAccount(data: OrgData, id: string): void {
  assertEditable(findSystemAccount(data, id));
  data.system_accounts = data.system_accounts.filter((a) => a.id !== id);
  data.team_system_accounts = data.team_system_accounts.filter((m) => m.account_id !== id);
  data.assigned_roles = without(data.assigned_roles, (r) => r.principal_kind === 'system_account' && r.principal_id === id);
}
