/** Words for access that expires soon (plan.expiring), shared by the text and markdown renderings. */
import type { ExpiringAccess } from './types.js';

/** "ana@example.com: team Payments expires on 2027-01-31 (orgdeck.yaml:12:34)" */
export function expiringText(e: ExpiringAccess): string {
  const what = e.team !== undefined ? `team ${e.team}` : `${e.grant!.role} on ${e.grant!.entity_type} ${e.grant!.entity}${e.grant!.region ? ` (${e.grant!.region})` : ''}`;
  return `${holderText(e)}: ${what} expires on ${e.expires}${e.at ? ` (${e.at})` : ''}`;
}

function holderText(e: Pick<ExpiringAccess, 'holder'>): string {
  if (e.holder.kind === 'user') return e.holder.key;
  return `${e.holder.kind === 'team' ? 'team' : 'system account'} ${e.holder.key}`;
}
