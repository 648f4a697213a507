/** Users and teams themselves: invite / update names / delete; create / update / delete teams. */
import diffModule from 'deep-diff';
import type { LiveTeam } from '../live.js';
import type { DesiredTeam, DesiredUser } from '../model.js';
import type { Fields, PendingNames } from '../change.js';
import { type DiffContext, userInScope } from './context.js';

const { diff: deepDiff } = diffModule;

/** Invites, name updates and deletions; pending invitees go to `pending` (with differing names in `pendingNames`), not to changes. */
export function diffUsers(ctx: DiffContext, pending: string[], pendingNames: PendingNames[]): void {
  const desired = new Set(ctx.desired.users.map((u) => u.email));
  for (const u of ctx.desired.users) {
    const live = ctx.liveUsers.get(u.email);
    if (!live) {
      ctx.changes.push({ op: 'create', kind: 'user', key: u.email, user: { email: u.email }, after: { email: u.email } });
      continue;
    }
    const before = userFields(u, live);
    const after = userFields(u, u);
    if (!live.active) {
      // An invitee sets their own names on accepting; the first sync after that applies the file's.
      pending.push(u.email);
      if (changed(before, after)) pendingNames.push({ email: u.email, before, after });
      continue;
    }
    if (changed(before, after)) {
      ctx.changes.push({ op: 'update', kind: 'user', key: u.email, user: { email: u.email, id: live.id }, before, after });
    }
  }
  if (ctx.desired.info.unlistedUsers !== 'remove') return;
  for (const live of ctx.live.users) {
    if (desired.has(live.email)) continue;
    ctx.deletedUsers.add(live.email);
    const before: Fields = { email: live.email, status: live.active ? 'active' : 'pending' };
    ctx.changes.push({ op: 'delete', kind: 'user', key: live.email, user: { email: live.email, id: live.id }, before });
  }
}

/** Only the names the file manages are compared; an omitted name is left as it is. */
function userFields(u: DesiredUser, source: { fullName?: string; preferredName?: string }): Fields {
  const f: Fields = {};
  if (u.fullName !== undefined) f.full_name = source.fullName ?? null;
  if (u.preferredName !== undefined) f.preferred_name = source.preferredName ?? null;
  return f;
}

export function diffTeams(ctx: DiffContext): void {
  const select = ctx.desired.info.selectTeamLabels ?? {};
  const desired = new Set(ctx.desired.teams.map((t) => t.name));
  for (const t of ctx.desired.teams) {
    const live = ctx.managedTeams.get(t.name);
    if (!live) {
      const outside = ctx.live.teams.find((x) => !x.system && !x.inScope && x.name === t.name);
      if (outside) {
        ctx.problems.push(`Team "${t.name}" exists in Konnect (id ${outside.id}) but lacks the labels of _info.select_team_labels (${labelText(select)}), so orgdeck does not manage it. Add the labels in Konnect to adopt it, or rename the team in the file.`);
        continue;
      }
      const after: Fields = { name: t.name, description: t.description ?? null, labels: t.labels ?? { ...select } };
      ctx.changes.push({ op: 'create', kind: 'team', key: t.name, team: { name: t.name }, after });
      continue;
    }
    // A rename is this same update: one PATCH of the team's id carries the name and any field.
    const oldName = ctx.renamedTeams.get(t.name);
    const before: Fields = { ...(oldName !== undefined ? { name: oldName } : {}), ...teamFields(t, live) };
    const after: Fields = { ...(oldName !== undefined ? { name: t.name } : {}), ...teamFields(t, { description: t.description ?? null, labels: t.labels ?? {} }) };
    if (oldName !== undefined || changed(before, after)) {
      ctx.changes.push({ op: 'update', kind: 'team', key: t.name, team: { name: t.name, id: live.id }, before, after });
    }
  }
  for (const live of ctx.managedTeams.values()) {
    if (desired.has(live.name)) continue;
    ctx.deletedTeams.add(live.name);
    // Deleting a team also removes members orgdeck was told to leave alone: the guard asks for --force.
    const unlisted = live.memberIds.map((id) => ctx.liveUsersById.get(id)?.email).filter((e): e is string => !!e && !userInScope(ctx, e));
    const before: Fields = { name: live.name, description: live.description, labels: live.labels, ...(unlisted.length ? { unlisted_members: unlisted.sort() } : {}) };
    ctx.changes.push({ op: 'delete', kind: 'team', key: live.name, team: { name: live.name, id: live.id }, before });
  }
}

function teamFields(t: DesiredTeam, source: Pick<LiveTeam, 'description' | 'labels'>): Fields {
  const f: Fields = {};
  if (t.description !== undefined) f.description = source.description;
  if (t.labels !== undefined) f.labels = source.labels;
  return f;
}

function changed(before: Fields, after: Fields): boolean {
  // Most people are unchanged: the same keys holding the same strings need no deep-diff.
  const keys = Object.keys(before);
  const same = keys.length === Object.keys(after).length && keys.every((k) => k in after && before[k] === after[k] && typeof before[k] !== 'object');
  return !same && (deepDiff(before, after) ?? []).length > 0;
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
}
