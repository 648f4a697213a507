/**
 * One team, person or system account of the file brought level with its live counterpart, in
 * place: fields the file manages (the keys it writes) take the live value, lists lose what went
 * and gain what came. An item the file does not manage a field of (no `description:`, no
 * `labels:`) keeps not managing it, so nothing changes in the file that did not change live.
 */
import type { Document, YAMLMap } from 'yaml';
import { isMap } from 'yaml';
import type { LiveGrant, LiveSystemAccount, LiveTeam, LiveUser } from '../live.js';
import type { Region } from '../model.js';
import { type EntityIndex, resolveGrant } from '../resolve.js';
import { readGrant } from './grants.js';
import { reconcileList, setField, type Touch } from './merge-nodes.js';
import { cmp, grantRecord, sortGrantRecords } from './serialize.js';
import { isObj, type Obj, str } from './written.js';

export interface ItemContext {
  doc: Document;
  entities: EntityIndex;
  defaultRegion?: Region;
  /** `_info.select_team_labels`: labels every team in scope carries without the file writing them. */
  select?: Record<string, string>;
}

export function mergeTeam(ctx: ItemContext, map: YAMLMap, written: Obj, live: LiveTeam, touch: Touch): void {
  if (typeof written.description === 'string') setField(ctx.doc, map, 'description', written.description, live.description || undefined, touch);
  if (isObj(written.labels)) mergeLabels(ctx, map, written.labels, live.labels, touch);
  mergeGrants(ctx, map, written, live.roles, touch);
  if (Array.isArray(written.idp_groups) && live.idpGroups) {
    const groups = live.idpGroups.map((m) => m.group);
    mergeNames(ctx, map, 'idp_groups', written.idp_groups, groups, touch);
  }
}

export function mergeUser(ctx: ItemContext, map: YAMLMap, written: Obj, live: LiveUser, teams: readonly string[], touch: Touch): void {
  if (typeof written.full_name === 'string') setField(ctx.doc, map, 'full_name', written.full_name, live.fullName, touch);
  if (typeof written.preferred_name === 'string') setField(ctx.doc, map, 'preferred_name', written.preferred_name, live.preferredName, touch);
  if (typeof written.status === 'string') setField(ctx.doc, map, 'status', written.status, live.active ? 'active' : 'pending', touch);
  if (written.invited_at !== undefined) setField(ctx.doc, map, 'invited_at', written.invited_at, live.active ? undefined : live.invitedAt, touch);
  mergeNames(ctx, map, 'teams', written.teams, teams, touch);
  mergeGrants(ctx, map, written, live.roles, touch);
}

export function mergeSystemAccount(ctx: ItemContext, map: YAMLMap, written: Obj, live: LiveSystemAccount, teams: readonly string[], touch: Touch): void {
  if (typeof written.description === 'string') setField(ctx.doc, map, 'description', written.description, live.description || undefined, touch);
  mergeNames(ctx, map, 'teams', written.teams, teams, touch);
  mergeGrants(ctx, map, written, live.roles, touch);
}

/**
 * A list of names (`teams`, `idp_groups`): an item stays while live still holds its name, whether
 * written as a plain name or as `{ name, expires }` (the expiry is the file's alone: Konnect keeps
 * none); the names live adds follow, sorted.
 */
function mergeNames(ctx: ItemContext, map: YAMLMap, key: string, written: unknown, held: readonly string[], touch: Touch): void {
  const list = Array.isArray(written) ? written : [];
  const names = list.map((item) => (typeof item === 'string' ? item : isObj(item) ? str(item.name) : undefined));
  const has = new Set(held);
  const listed = new Set(names);
  const added = held.filter((n) => !listed.has(n)).sort(cmp);
  reconcileList(ctx.doc, map, key, list, (i) => names[i] !== undefined && has.has(names[i]!), [...new Set(added)], touch);
}

/**
 * Grants are matched as Konnect identifies an assignment (role, entity type, entity id, region),
 * whatever the file wrote: a name or an id, a region or the default one. A grant that stays keeps
 * its item untouched, `expires:` and comments included.
 */
function mergeGrants(ctx: ItemContext, map: YAMLMap, written: Obj, live: readonly LiveGrant[], touch: Touch): void {
  const list = Array.isArray(written.roles) ? written.roles : [];
  const held = new Map(live.map((g) => [identity(g.role, g.entityType, g.entityId, g.region), g]));
  const matched = new Set<string>();
  const keep = list.map((item) => {
    const grant = isObj(item) ? readGrant(item, ctx.defaultRegion) : undefined;
    const resolved = grant && resolveGrant(grant, ctx.entities, '');
    if (!resolved?.ok) return false;
    const id = identity(resolved.grant.role, resolved.grant.entity_type, resolved.grant.entity_id, resolved.grant.region);
    matched.add(id);
    return held.has(id);
  });
  const added = sortGrantRecords([...held].filter(([id]) => !matched.has(id)).map(([, g]) => grantRecord(g, ctx.entities)));
  reconcileList(ctx.doc, map, 'roles', list, (i) => keep[i] === true, added, touch);
}

/** Konnect's identity of an assignment, as the diff matches desired and live grants. */
function identity(role: string, entityType: string, entityId: string, region: string): string {
  return `${role}\u0000${entityType}\u0000${entityId}\u0000${region.toLowerCase()}`;
}

/** Labels the file manages: each key takes the live value; the scope's labels need not be written. */
function mergeLabels(ctx: ItemContext, map: YAMLMap, written: Obj, live: Readonly<Record<string, string>>, touch: Touch): void {
  const node = map.get('labels', true);
  if (!isMap(node)) return;
  for (const key of Object.keys(written)) setField(ctx.doc, node, key, written[key], live[key], touch);
  for (const [key, value] of Object.entries(live)) {
    if (key in written || ctx.select?.[key] === value) continue;
    setField(ctx.doc, node, key, undefined, value, touch);
  }
}
