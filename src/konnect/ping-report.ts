/** What `orgdeck ping` found, and the text it prints: pure, so the wording is tested without a server. */
import type { Host } from '../model.js';
import { escapeControls } from '../text/terminal.js';

/** One host asked: answered (with the status when it was not a success) or unreachable. */
export type HostCheck = { host: Host; ms: number; status?: number } | { host: Host; unreachable: true };

export type PingPrincipal = { kind: 'user'; id: string; email: string } | { kind: 'system-account'; id: string; name: string; how: string };

export interface Rights {
  /** May manage identity (users, teams, roles). */
  admin: boolean;
  /** Why: "a member of Organization Admin", or what is missing. */
  how: string;
}

export interface PingReport {
  addr: string;
  hosts: HostCheck[];
  organization?: { id: string; name: string };
  principal?: PingPrincipal;
  rights?: Rights;
  /** The rate-limit headers of the last answer that carried any, as Konnect spelt them. */
  rateLimit: Record<string, string>;
  /** One sentence each: a refused token, an unreachable host, missing rights. Empty = all is well. */
  problems: string[];
}

/** The report for stdout; the problems are printed on stderr by the command. */
export function renderPing(r: PingReport): string {
  const lines = [`Address template: ${r.addr}`];
  const width = Math.max(...r.hosts.map((h) => h.host.length));
  for (const h of r.hosts) lines.push(`  ${h.host.padEnd(width)}  ${hostLine(r.addr, h)}`);
  if (r.organization) lines.push(`Organization: ${r.organization.name || '(no name)'} (${r.organization.id})`);
  if (r.principal) lines.push(`Token of: ${principalLine(r.principal)}`);
  if (r.rights) lines.push(`Identity: ${r.rights.admin ? `may manage identity (${r.rights.how})` : `may NOT manage identity (${r.rights.how})`}`);
  const limits = Object.entries(r.rateLimit);
  lines.push(`Rate limit: ${limits.length ? limits.map(([k, v]) => `${k}: ${v}`).join(', ') : 'no rate-limit headers seen'}`);
  lines.push(r.problems.length ? `${r.problems.length === 1 ? 'One problem' : `${r.problems.length} problems`} (below).` : 'All is well.');
  // Names, email and header values are Konnect's: their control characters are escaped.
  return `${lines.map(escapeControls).join('\n')}\n`;
}

function hostLine(addr: string, h: HostCheck): string {
  const where = addr.replace('{region}', h.host);
  if ('unreachable' in h) return `${where}  unreachable`;
  return `${where}  answered in ${Math.round(h.ms)} ms${h.status !== undefined ? ` (${h.status})` : ''}`;
}

function principalLine(p: PingPrincipal): string {
  if (p.kind === 'user') return `user ${p.email} (${p.id})`;
  return `system account "${p.name}" (${p.id}): ${p.how}`;
}

/** Rate-limit headers as Kong's rate-limiting plugin sends them (RateLimit-*, X-RateLimit-*, Retry-After). */
export function rateLimitHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => /^(x-)?ratelimit-|^retry-after$/i.test(k)));
}
