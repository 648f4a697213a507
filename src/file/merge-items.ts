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
import { positionOf } from './parse.js';
import { type Entry, isObj, type Obj, str } from './written.js';

/**
 * An `expires:` the merge removed with its item: Konnect keeps no expiry, so if the access came
 * back under another name (a team renamed by hand) it would come back permanent, and only a
 * person can tell.
 */
export interface DroppedExpiry {
  /** `users`, `teams` or `system_accounts`: whose item it was. */
  kind: 'teams' | 'users' | 'system_accounts';
  /** The email or name of the item that held it. */
  key: string;
  /** `membership of "Ops"`, or `grant Viewer on Control Planes prod (us)`. */
  what: string;
  expires: string;
  file: string;
  line: number;
}

export interface ItemContext {
  doc: Document;
  entities: EntityIndex;
  defaultRegion?: Region;
  /** `_info.select_team_labels`: labels every team in scope carries without the file writing them. */
  select?: Record<string, string>;
  /** The item as written, to say where a dropped expiry was. */
  entry: Entry;
  kind: DroppedExpiry['kind'];
  key: string;
  drops: DroppedExpiry[];
}

export function mergeTeam(ctx: ItemContext, map: YAMLMap, written: Obj, live: LiveTeam, touch: Touch): void {
  if (typeof written.description === 'string') setField(ctx.doc, map, 'description', written.description, live.description || undefined, touch);
  if (isObj(written.labels)) mergeLabels(ctx, map, written.labels, live.labels, touch);
  mergeGrants(ctx, map, written, live.roles, touch);
  if (Array.isArray(written.idp_groups) && live.idpGroups) {
    const groups = live.idpGroups.map((m) => m.group);
    mergeNames(ctx, map, 'idp_groups', written.idp_groups, groups, touch, false);
  }
}

export function mergeUser(ctx: ItemContext, map: YAMLMap, written: Obj, live: LiveUser, teams: readonly string[], touch: Touch): void {
  if (typeof written.full_name === 'string') setField(ctx.doc, map, 'full_name', written.full_name, live.fullName, touch);
  if (typeof written.preferred_name === 'string') setField(ctx.doc, map, 'preferred_name', written.preferred_name, live.preferredName, touch);
  if (typeof written.status === 'string') setField(ctx.doc, map, 'status', written.status, live.active ? 'active' : 'pending', touch);
  if (written.invited_at !== undefined) setField(ctx.doc, map, 'invited_at', written.invited_at, live.active ? undefined : live.invitedAt, touch);
  mergeNames(ctx, map, 'teams', written.teams, teams, touch, true);
  mergeGrants(ctx, map, written, live.roles, touch);
}

export function mergeSystemAccount(ctx: ItemContext, map: YAMLMap, written: Obj, live: LiveSystemAccount, teams: readonly string[], touch: Touch): void {
  if (typeof written.description === 'string') setField(ctx.doc, map, 'description', written.description, live.description || undefined, touch);
  mergeNames(ctx, map, 'teams', written.teams, teams, touch, true);
  mergeGrants(ctx, map, written, live.roles, touch);
}

/**
 * A list of names (`teams`, `idp_groups`): an item stays while live still holds its name, whether
 * written as a plain name or as `{ name, expires }` (the expiry is the file's alone: Konnect keeps
 * none); the names live adds follow, sorted. An emptied `teams` stays as `teams: []`: without the
 * key, validate warns and sync takes the person out of every team.
 */
function mergeNames(ctx: ItemContext, map: YAMLMap, key: string, written: unknown, held: readonly string[], touch: Touch, keepEmpty: boolean): void {
  const list = Array.isArray(written) ? written : [];
  const names = list.map((item) => (typeof item === 'string' ? item : isObj(item) ? str(item.name) : undefined));
  const has = new Set(held);
  const listed = new Set(names);
  const added = held.filter((n) => !listed.has(n)).sort(cmp);
  const keep = (i: number) => names[i] !== undefined && has.has(names[i]!);
  if (key === 'teams') noteDroppedExpiries(ctx, key, list, keep, describeMembership);
  reconcileList(ctx.doc, map, key, list, keep, [...new Set(added)], touch, keepEmpty);
}

type Owner = Pick<ItemContext, 'entry' | 'kind' | 'key' | 'drops'>;

/** An item gone from Konnect takes its memberships and grants with it, their expiries too. */
export function noteRemovedItemExpiries(owner: Owner): void {
  const item = owner.entry.value;
  if (!isObj(item)) return;
  if (Array.isArray(item.teams)) noteDroppedExpiries(owner, 'teams', item.teams, () => false, describeMembership);
  if (Array.isArray(item.roles)) noteDroppedExpiries(owner, 'roles', item.roles, () => false, describeGrant);
}

function noteDroppedExpiries(owner: Owner, key: string, list: readonly unknown[], keep: (i: number) => boolean, describe: (item: Obj) => string): void {
  list.forEach((item, i) => {
    if (keep(i) || !isObj(item) || item.expires === undefined || item.expires === null) return;
    const at = positionOf(owner.entry.file, [...owner.entry.path, key, i]);
    owner.drops.push({ kind: owner.kind, key: owner.key, what: describe(item), expires: String(item.expires), file: owner.entry.file.name, line: at.line });
  });
}

function describeMembership(item: Obj): string {
  return `membership of "${str(item.name) ?? ''}"`;
}

function describeGrant(item: Obj): string {
  const where = [item.entity_type, item.entity ?? item.entity_id].filter((v) => v !== undefined).map(String).join(' ');
  return `grant of ${String(item.role)}${where ? ` on ${where}` : ''}${item.region !== undefined ? ` (${String(item.region)})` : ''}`;
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
  noteDroppedExpiries(ctx, 'roles', list, (i) => keep[i] === true, describeGrant);
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
