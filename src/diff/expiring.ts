/**
 * Access the file lets run out soon: every membership and grant whose `expires` falls within a
 * window after the clock. Not drift (nothing changes until the date), a heads-up for whoever
 * must renew it. Pure.
 */
import type { ExpiringAccess } from '../change.js';
import { expiresWithin, expiryInstant } from '../expiry.js';
import { membershipExpiry } from './expired.js';
import type { DesiredState, Expiry, Grant } from '../model.js';

/** Soonest first, then by holder. */
export function findExpiring(desired: DesiredState, now: number, windowMs: number): ExpiringAccess[] {
  const found: { end: number; access: ExpiringAccess }[] = [];
  const add = (expiry: Expiry | undefined, access: Omit<ExpiringAccess, 'expires'>) => {
    if (!expiresWithin(expiry, now, windowMs)) return;
    found.push({ end: expiryInstant(expiry!.on)!, access: { ...access, expires: expiry!.on, ...(expiry!.at ? { at: expiry!.at } : {}) } });
  };
  const grants = (holder: ExpiringAccess['holder'], roles: readonly Grant[]) => {
    for (const g of roles) add(g.expires, { holder, grant: { role: g.role, entity_type: g.entityType, entity: g.entity, ...(g.region ? { region: g.region } : {}) } });
  };
  const principals = [
    ...desired.users.map((u) => ({ holder: { kind: 'user', key: u.email } as const, p: u })),
    ...(desired.systemAccounts ?? []).map((a) => ({ holder: { kind: 'system-account', key: a.name } as const, p: a })),
  ];
  for (const { holder, p } of principals) {
    for (const team of p.teams) add(membershipExpiry(p, team), { holder, team });
    grants(holder, p.roles);
  }
  for (const t of desired.teams) grants({ kind: 'team', key: t.name }, t.roles);
  return found.sort((a, b) => a.end - b.end || (a.access.holder.key < b.access.holder.key ? -1 : a.access.holder.key > b.access.holder.key ? 1 : 0)).map((f) => f.access);
}
