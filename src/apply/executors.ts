/**
 * One executor per (op, kind): the API calls that carry out a change. Ids of users invited and
 * teams created earlier in the same sync are looked up in the shared context.
 */
import { add, createSystemAccount, inviteUser, type Outcome, patch, remove, resendInvite, type RoleBody } from '../konnect/actions.js';
import type { KonnectClient } from '../konnect/client.js';
import type { InvitedUsers } from '../konnect/invited.js';
import { createTeamOnce } from '../konnect/team-race.js';
import type { Change, Fields, Kind, Op, PlanGrant } from '../plan/types.js';

export interface ExecContext {
  client: KonnectClient;
  userIds: Map<string, string>;
  teamIds: Map<string, string>;
  /** System accounts created earlier in this sync, by name (applyPlan provides one when absent). */
  accountIds?: Map<string, string>;
  /** Something the operator should know about a step that still succeeded (another sync made the same team). */
  onNotice?: (text: string) => void;
  /** Batches the lookups of users invited in this sync (applyPlan provides one). */
  invited?: InvitedUsers;
  /** Why sync is stopping (interrupted, Konnect unreachable): no step starts then. undefined = go on. */
  halted?: () => string | undefined;
}

type Executor = (c: Change, ctx: ExecContext) => Promise<Outcome>;

const EXECUTORS: Partial<Record<`${Op} ${Kind}`, Executor>> = {
  'create user': async (c, ctx) => {
    const { id, outcome } = await inviteUser(ctx.client, c.user!.email, ctx.invited);
    ctx.userIds.set(c.user!.email, id);
    return outcome;
  },
  'create invite': (c, ctx) => resendInvite(ctx.client, c.user!.email),
  'update user': (c, ctx) => patch(ctx.client, `/v3/users/${userId(c, ctx)}`, defined(c.after)),
  'delete user': (c, ctx) => remove(ctx.client, `/v3/users/${userId(c, ctx)}`),
  'create team': async (c, ctx) => {
    const a = c.after ?? {};
    const body = { name: c.team!.name, ...(a.description ? { description: a.description as string } : {}), ...(a.labels ? { labels: a.labels as Record<string, string> } : {}) };
    const made = await createTeamOnce(ctx.client, body);
    ctx.teamIds.set(c.team!.name, made.id);
    if (made.note) ctx.onNotice?.(made.note);
    return made.outcome;
  },
  'update team': (c, ctx) => patch(ctx.client, `/v3/teams/${teamId(c, ctx)}`, teamPatch(c.before, c.after)),
  'delete team': (c, ctx) => remove(ctx.client, `/v3/teams/${teamId(c, ctx)}`),
  'create team-membership': (c, ctx) => add(ctx.client, `/v3/teams/${teamId(c, ctx)}/users`, { id: userId(c, ctx) }),
  'delete team-membership': (c, ctx) => remove(ctx.client, `/v3/teams/${teamId(c, ctx)}/users/${userId(c, ctx)}`),
  'create user-role': (c, ctx) => add(ctx.client, `/v3/users/${userId(c, ctx)}/assigned-roles`, roleBody(c.grant!)),
  'delete user-role': (c, ctx) => remove(ctx.client, `/v3/users/${userId(c, ctx)}/assigned-roles/${c.grant!.id}`),
  'create team-role': (c, ctx) => add(ctx.client, `/v3/teams/${teamId(c, ctx)}/assigned-roles`, roleBody(c.grant!)),
  'delete team-role': (c, ctx) => remove(ctx.client, `/v3/teams/${teamId(c, ctx)}/assigned-roles/${c.grant!.id}`),
  'create system-account': async (c, ctx) => {
    const { id, outcome } = await createSystemAccount(ctx.client, { name: c.system_account!.name, description: String(c.after?.description ?? '') });
    ctx.accountIds?.set(c.system_account!.name, id);
    return outcome;
  },
  'update system-account': (c, ctx) => patch(ctx.client, `/v3/system-accounts/${accountId(c, ctx)}`, defined(c.after)),
  'delete system-account': (c, ctx) => remove(ctx.client, `/v3/system-accounts/${accountId(c, ctx)}`),
  'create system-account-membership': (c, ctx) => add(ctx.client, `/v3/teams/${teamId(c, ctx)}/system-accounts`, { id: accountId(c, ctx) }),
  'delete system-account-membership': (c, ctx) => remove(ctx.client, `/v3/teams/${teamId(c, ctx)}/system-accounts/${accountId(c, ctx)}`),
  'create system-account-role': (c, ctx) => add(ctx.client, `/v3/system-accounts/${accountId(c, ctx)}/assigned-roles`, roleBody(c.grant!)),
  'delete system-account-role': (c, ctx) => remove(ctx.client, `/v3/system-accounts/${accountId(c, ctx)}/assigned-roles/${c.grant!.id}`),
  'create team-idp-group': (c, ctx) => add(ctx.client, `/v3/identity-providers/${c.idp_group!.provider_id}/team-group-mappings`, { team_id: teamId(c, ctx), group: c.idp_group!.group }),
  'delete team-idp-group': (c, ctx) => remove(ctx.client, `/v3/identity-providers/${c.idp_group!.provider_id}/team-group-mappings/${c.idp_group!.id}`),
};

export function execute(c: Change, ctx: ExecContext): Promise<Outcome> {
  const run = EXECUTORS[`${c.op} ${c.kind}`];
  if (!run) throw new Error(`internal: no executor for ${c.op} ${c.kind}`);
  // Every request of this step is tagged with it, for the log file.
  return run(c, { ...ctx, client: ctx.client.tagged({ op: c.op, kind: c.kind, key: c.key }) });
}

function userId(c: Change, ctx: ExecContext): string {
  const id = c.user?.id ?? ctx.userIds.get(c.user?.email ?? '');
  if (!id) throw new Error(`internal: no id for user ${c.user?.email}`);
  return id;
}

function teamId(c: Change, ctx: ExecContext): string {
  const id = c.team?.id ?? ctx.teamIds.get(c.team?.name ?? '');
  if (!id) throw new Error(`internal: no id for team ${c.team?.name}`);
  return id;
}

function accountId(c: Change, ctx: ExecContext): string {
  const id = c.system_account?.id ?? ctx.accountIds?.get(c.system_account?.name ?? '');
  if (!id) throw new Error(`internal: no id for system account ${c.system_account?.name}`);
  return id;
}

function roleBody(g: PlanGrant): RoleBody {
  return { role_name: g.role, entity_id: g.entity_id, entity_type_name: g.entity_type, entity_region: g.region };
}

function defined(f: Fields = {}): Fields {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== null));
}

/** Konnect merges labels on PATCH; a key orgdeck wants gone is sent as null. */
function teamPatch(before: Fields = {}, after: Fields = {}): Fields {
  const body: Fields = {};
  // A rename (renamed_from) sends the new name; update-team accepts name beside description and labels.
  if (typeof after.name === 'string') body.name = after.name;
  if ('description' in after) body.description = after.description;
  if ('labels' in after) {
    const old = (before.labels ?? {}) as Record<string, string>;
    const next = (after.labels ?? {}) as Record<string, string>;
    const labels: Record<string, string | null> = { ...next };
    for (const k of Object.keys(old)) if (!(k in next)) labels[k] = null;
    body.labels = labels;
  }
  return body;
}
