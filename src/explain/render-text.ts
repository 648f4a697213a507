/** `explain` as text: one line per access, what happens to it at the next sync, and where it is declared. */
import type { AccessEntry, ExplainResult } from './explain.js';

const VERB = { keep: 'keeps', gain: 'gains', lose: 'loses' } as const;

export function renderExplainText(r: ExplainResult): string {
  const { email, access } = r.explanation;
  const today = access.filter((a) => a.live).length;
  const after = access.filter((a) => a.desired).length;
  const lines = [`Access of ${email}${r.note ? ` (${r.note})` : ''}: ${today} today, ${after} after sync.`];
  if (access.length === 0) lines.push('  No team and no role, today or after sync.');
  const width = Math.max(0, ...access.map((a) => describe(a, r).length));
  for (const a of access) {
    const verb = a.live && a.desired ? VERB.keep : a.desired ? VERB.gain : VERB.lose;
    lines.push(`  ${verb}  ${describe(a, r).padEnd(width)}  ${a.source ?? 'not in the file'}`);
  }
  return `${lines.join('\n')}\n`;
}

function describe(a: AccessEntry, r: ExplainResult): string {
  if (a.expires === undefined) return access(a, r);
  return `${access(a, r)} (${a.desired ? 'expires' : 'expired'} on ${a.expires})`;
}

function access(a: AccessEntry, r: ExplainResult): string {
  const team = a.via.slice('team:'.length);
  if (a.role === null) return r.predefined.has(a.via) ? `member of ${team} (predefined team: Konnect does not list its roles)` : `member of team ${team}`;
  const grant = `${a.role} on ${a.entity_type} ${a.entity}${a.region ? ` (${a.region})` : ''}`;
  return a.via === 'direct' ? `${grant}, direct` : `${grant}, through team ${team}`;
}
