/**
 * The report as the HTML page embeds it, once: strings interned in one table, each row a pair
 * (principal, access) of indices. Members of a team share the team's access tuples, so org-10k's
 * ~140k rows fit in a few MB instead of the ~50 MB of row objects.
 */
import type { Report, ReportRow } from './model.js';

/** Fields of an access tuple, in order; the page's script reads them by position. */
export const ACCESS_FIELDS = ['access', 'role', 'entity_type', 'entity', 'entity_id', 'region', 'source', 'team', 'team_id', 'idp_groups', 'expires', 'declared_at', 'flags'] as const;
/** Fields of a principal, in order. */
export const PRINCIPAL_FIELDS = ['principal_type', 'principal', 'principal_id', 'status'] as const;

export interface PageData {
  /** Every string, once; -1 stands for null. */
  s: string[];
  /** Principals, flat: PRINCIPAL_FIELDS.length indices each. */
  p: number[];
  /** Access tuples: ACCESS_FIELDS.length indices each (lists joined: idp_groups with ", ", flags with " "). */
  a: number[][];
  /** Rows, flat: principal number, access tuple number. */
  r: number[];
  meta: Pick<Report, 'generated_at' | 'source' | 'organization' | 'expiring_within_days' | 'summary'>;
  teams: { name: number; id: number; predefined: boolean; members: number; idp_groups: number; grants: number }[];
}

export function encodePageData(report: Report): PageData {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const s = (v: string | null): number => {
    if (v === null) return -1;
    const had = index.get(v);
    if (had !== undefined) return had;
    index.set(v, strings.push(v) - 1);
    return strings.length - 1;
  };
  const principals = new Map<string, number>();
  const tuples = new Map<string, number>();
  const p: number[] = [];
  const a: number[][] = [];
  const r: number[] = [];
  for (const row of report.rows) {
    const pk = `${row.principal_type}\u0000${row.principal}\u0000${row.principal_id}`;
    let pi = principals.get(pk);
    if (pi === undefined) {
      pi = principals.size;
      principals.set(pk, pi);
      p.push(...PRINCIPAL_FIELDS.map((f) => s(row[f])));
    }
    const tuple = ACCESS_FIELDS.map((f) => s(text(row, f)));
    const ak = tuple.join(',');
    let ai = tuples.get(ak);
    if (ai === undefined) {
      ai = a.length;
      tuples.set(ak, ai);
      a.push(tuple);
    }
    r.push(pi, ai);
  }
  const { generated_at, source, organization, expiring_within_days, summary } = report;
  const teams = report.teams.map((t) => ({
    name: s(t.name),
    id: s(t.id),
    predefined: t.predefined,
    members: t.members,
    idp_groups: s(t.idp_groups.join(', ')),
    grants: s(t.grants.map((g) => `${g.role} on ${g.entity_type} ${g.entity}${g.region ? ` (${g.region})` : ''}${g.expires ? `, until ${g.expires}` : ''}`).join('; ')),
  }));
  return { s: strings, p, a, r, meta: { generated_at, source, organization, expiring_within_days, summary }, teams };
}

function text(row: ReportRow, f: (typeof ACCESS_FIELDS)[number]): string | null {
  const v = row[f];
  if (f === 'idp_groups') return (v as string[]).join(', ') || null;
  if (f === 'flags') return (v as string[]).join(' ') || null;
  return v as string | null;
}

/** JSON safe inside <script type="application/json">: no "<" can close the element or open a comment. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
