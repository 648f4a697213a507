/**
 * `dump --merge-into`: the live organization written into state files a person curated, with
 * the yaml library's Document (never a second emitter), so comments, key and item order,
 * quoting, `_info`, `expires:` keys and `${{ env "…" }}` references that still yield the live
 * value all stay. Only the file's scope is merged: people and teams it leaves alone are not
 * added. Each declaration stays in the file it is written in; new ones go at the end of the
 * last file that lists their kind.
 */
import { type Document, isMap, parseDocument, type YAMLMap } from 'yaml';
import type { LiveState, LiveSystemAccount, LiveTeam, LiveUser } from '../live.js';
import type { DesiredState } from '../model.js';
import { indexEntities } from '../resolve.js';
import { type DroppedExpiry, type ItemContext, mergeSystemAccount, mergeTeam, mergeUser, noteRemovedItemExpiries } from './merge-items.js';
import { listUnder, reconcileSeq, seqAt, styleOf, type Touch } from './merge-nodes.js';
import { cmp, dumpSystemAccount, dumpTeam, dumpUser, teamNamesByMember } from './serialize.js';
import { type Entry, isObj, type Obj, type Written } from './written.js';

export type MergeKind = 'teams' | 'users' | 'system_accounts';
export interface MergeCount {
  added: number;
  updated: number;
  removed: number;
}
export interface MergedFile {
  name: string;
  text: string;
  changed: boolean;
}
export interface MergeResult {
  files: MergedFile[];
  counts: Record<MergeKind, MergeCount>;
  /** Each `expires:` removed with a membership or grant that is gone from Konnect, in file order. */
  droppedExpiries: DroppedExpiry[];
}
export type { DroppedExpiry };

/** One kind's live items in the file's scope, by the key the file names them with. */
interface LiveKind<T> {
  kind: MergeKind;
  entries: readonly Entry[];
  live: Map<string, T>;
  keyOf: (written: Obj) => string;
  /** The live items the file does not list and should gain. */
  newcomers: (unmatched: T[]) => Record<string, unknown>[];
  merge: (ctx: ItemContext, map: YAMLMap, written: Obj, live: T, touch: Touch) => void;
}

/** `texts` holds each file's text as read, by name, in the order `written.files` lists them. */
export function mergeLiveIntoFiles(texts: ReadonlyMap<string, string>, written: Written, desired: DesiredState, live: LiveState): MergeResult {
  const docs = new Map(written.files.map((f) => [f.name, parseDocument(texts.get(f.name) ?? '')]));
  const touched = new Set<string>();
  const entities = indexEntities(live.entities);
  const teamsOf = teamNamesByMember(live.teams);
  const teamName = new Map(live.teams.map((t) => [t.id, t.name]));
  const counts = {} as Record<MergeKind, MergeCount>;
  const droppedExpiries: DroppedExpiry[] = [];
  for (const k of liveKinds(written, desired, live, teamsOf, teamName, entities)) {
    counts[k.kind] = mergeKind(k as LiveKind<unknown>, written, docs, touched, { entities, drops: droppedExpiries, ...(desired.info.defaultRegion ? { defaultRegion: desired.info.defaultRegion } : {}), ...(desired.info.selectTeamLabels ? { select: desired.info.selectTeamLabels } : {}) });
  }
  const files = written.files.map((f) => {
    const text = texts.get(f.name) ?? '';
    if (!touched.has(f.name)) return { name: f.name, text, changed: false };
    const out = docs.get(f.name)!.toString(styleOf(text, docs.get(f.name)!));
    // The library writes \n: a file with Windows line ends keeps them.
    const merged = text.includes('\r\n') ? out.replace(/\r?\n/g, '\r\n') : out;
    return { name: f.name, text: merged, changed: merged !== text };
  });
  return { files, counts, droppedExpiries };
}

function liveKinds(written: Written, desired: DesiredState, live: LiveState, teamsOf: Map<string, string[]>, teamName: Map<string, string>, entities: ReturnType<typeof indexEntities>) {
  const ignoreUsers = desired.info.unlistedUsers === 'ignore';
  const listedEmails = new Set(desired.users.map((u) => u.email));
  const accountTeams = (a: LiveSystemAccount) => [...new Set(a.teamIds.map((id) => teamName.get(id)).filter((n): n is string => n !== undefined))];
  const teams: LiveKind<LiveTeam> = {
    kind: 'teams',
    entries: written.teams,
    live: byKey(desired.info.manageTeams ? live.teams.filter((t) => !t.system && t.inScope) : [], (t) => t.name),
    keyOf: (w) => String(w.name),
    newcomers: (rest) => rest.sort((a, b) => cmp(a.name, b.name)).map((t) => dumpTeam(t, entities)),
    merge: (ctx, map, w, t, touch) => mergeTeam(ctx, map, w, t, touch),
  };
  const users: LiveKind<LiveUser> = {
    kind: 'users',
    entries: written.users,
    live: byKey(live.users.filter((u) => !ignoreUsers || listedEmails.has(u.email)), (u) => u.email),
    keyOf: (w) => String(w.email).toLowerCase(),
    newcomers: (rest) => (ignoreUsers ? [] : rest.sort((a, b) => cmp(a.email, b.email)).map((u) => dumpUser(u, teamsOf.get(u.id) ?? [], entities))),
    merge: (ctx, map, w, u, touch) => mergeUser(ctx, map, w, u, teamsOf.get(u.id) ?? [], touch),
  };
  const ignoreAccounts = desired.info.unlistedSystemAccounts === 'ignore';
  const accounts: LiveKind<LiveSystemAccount> = {
    kind: 'system_accounts',
    entries: written.systemAccounts,
    live: byKey(desired.systemAccounts ? (live.systemAccounts ?? []) : [], (a) => a.name),
    keyOf: (w) => String(w.name),
    // Konnect's own accounts are not orgdeck's to manage: a file that leaves one out keeps it out.
    newcomers: (rest) => (ignoreAccounts ? [] : rest.filter((a) => !a.konnectManaged).sort((a, b) => cmp(a.name, b.name)).map((a) => dumpSystemAccount(a, teamName, entities))),
    merge: (ctx, map, w, a, touch) => mergeSystemAccount(ctx, map, w, a, accountTeams(a), touch),
  };
  return [teams, users, accounts];
}

function mergeKind<T>(k: LiveKind<T>, written: Written, docs: Map<string, Document>, touched: Set<string>, base: Omit<ItemContext, 'doc' | 'entry' | 'kind' | 'key'>): MergeCount {
  const count: MergeCount = { added: 0, updated: 0, removed: 0 };
  const matched = new Set<string>();
  const gone = new Map<Entry['file'], Set<number>>();
  for (const e of k.entries) {
    const doc = docs.get(e.file.name)!;
    const node = doc.getIn(e.path, true);
    if (!isObj(e.value)) continue;
    const key = k.keyOf(e.value);
    const item = k.live.get(key);
    if (item === undefined || matched.has(key)) {
      (gone.get(e.file) ?? gone.set(e.file, new Set()).get(e.file)!).add(e.path.at(-1) as number);
      noteRemovedItemExpiries({ entry: e, kind: k.kind, key, drops: base.drops });
      count.removed++;
      continue;
    }
    matched.add(key);
    // Written through an alias (`- *ana`): an edit would change every place sharing it.
    if (!isMap(node)) continue;
    const touch: Touch = { changed: false };
    k.merge({ ...base, doc, entry: e, kind: k.kind, key }, node, e.value, item, touch);
    if (touch.changed) {
      count.updated++;
      touched.add(e.file.name);
    }
  }
  for (const [file, indexes] of gone) {
    const seq = seqAt(docs.get(file.name)!, [k.kind]);
    if (seq) reconcileSeq(docs.get(file.name)!, seq, (i) => !indexes.has(i), [], { changed: false });
    touched.add(file.name);
  }
  const added = k.newcomers([...k.live].filter(([key]) => !matched.has(key)).map(([, v]) => v));
  if (added.length > 0) {
    const target = targetFile(k.kind, written, docs);
    const doc = docs.get(target)!;
    const root = doc.contents;
    if (isMap(root)) {
      const seq = listUnder(doc, root, k.kind, added, { changed: false });
      if (seq) reconcileSeq(doc, seq, () => true, added, { changed: false });
      touched.add(target);
      count.added = added.length;
    }
  }
  return count;
}

/** The last file that lists this kind; else the file with `_info`; else the first. */
function targetFile(kind: MergeKind, written: Written, docs: Map<string, Document>): string {
  const holding = written.files.filter((f) => seqAt(docs.get(f.name)!, [kind]) !== undefined);
  return (holding.at(-1) ?? written.info?.file ?? written.files[0]!).name;
}

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return map;
}
