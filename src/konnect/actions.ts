/** The Identity API calls a plan is made of, each safe to repeat: 409 on add and 404 on remove mean done. */
import { ApiError, StepError } from '../errors.js';
import type { ApiUser } from './api-types.js';
import type { KonnectClient } from './client.js';
import type { InvitedUsers } from './invited.js';
import { checkShape, SHAPES } from './shape.js';

export type Outcome = 'done' | 'already';

export interface RoleBody {
  role_name: string;
  entity_id: string;
  entity_type_name: string;
  entity_region: string;
}

/**
 * Invite (201, no body), then find the new user's id — through `invited` when given (lookups
 * batched with other invites'), else alone. A second email is never sent for one plan step.
 */
export async function inviteUser(client: KonnectClient, email: string, invited?: InvitedUsers): Promise<{ id: string; outcome: Outcome }> {
  let lookup: Promise<ApiUser | undefined> | undefined;
  invited?.sending();
  try {
    await client.call('global', 'POST', '/v3/invites', { body: { email }, tookEffect: async () => (await findUser(client, email)) !== undefined });
    lookup = invited ? invited.find(email) : undefined;
  } catch (err) {
    // 409 "User is already active": they joined in the meantime; nothing left to do.
    if (!(err instanceof ApiError && err.api.status === 409)) throw err;
    const user = await findUser(client, email);
    if (user) return { id: user.id, outcome: 'already' };
    throw err;
  } finally {
    invited?.settled();
  }
  let user: ApiUser | undefined;
  try {
    user = await (lookup ?? findEventually(client, email));
  } catch (err) {
    // The invite itself went out: say so, or an operator would think no email was sent.
    throw new StepError(`the invite was sent, but looking the new user up failed (${(err as { summary?: string }).summary ?? (err as Error).message}); run sync again to add their teams and roles`);
  }
  if (!user) throw new StepError(`Konnect accepted the invite but does not list ${email} yet; run sync again to add their teams and roles`);
  return { id: user.id, outcome: 'done' };
}

/**
 * Re-send a pending user's invitation: one POST /v3/invites, never repeated after an ambiguous
 * failure (a second email is worse than none: the next run can send it). 409 means they accepted.
 */
export async function resendInvite(client: KonnectClient, email: string): Promise<Outcome> {
  try {
    await client.call('global', 'POST', '/v3/invites', { body: { email } });
    return 'done';
  } catch (err) {
    if (err instanceof ApiError && err.api.status === 409) return 'already';
    throw err;
  }
}

/** A user just invited, looked up a few times: Konnect may take a moment to list them. */
export function findEventually(client: KonnectClient, email: string): Promise<ApiUser | undefined> {
  return eventually(() => findUser(client, email));
}

export async function findUser(client: KonnectClient, email: string): Promise<ApiUser | undefined> {
  const res = await client.call('global', 'GET', '/v3/users', { query: { 'filter[email][eq]': email } });
  const list = checkShape(SHAPES.users, res.body, 'GET', '/v3/users', res.status);
  return list.data.find((u) => u.email.toLowerCase() === email.toLowerCase());
}

export async function createTeam(client: KonnectClient, body: { name: string; description?: string; labels?: Record<string, string> }): Promise<string> {
  // Konnect allows duplicate team names, so a create retried blindly could make two teams.
  const existing = async () => {
    const res = await client.call('global', 'GET', '/v3/teams', { query: { 'filter[name][eq]': body.name } });
    return checkShape(SHAPES.teams, res.body, 'GET', '/v3/teams', res.status).data.find((t) => t.name === body.name);
  };
  const res = await client.call('global', 'POST', '/v3/teams', { body, tookEffect: async () => (await existing()) !== undefined });
  // Confirmed after a failure there is no body; otherwise the created team is in it.
  if (!res.confirmedAfterFailure) return checkShape(SHAPES.team, res.body, 'POST', '/v3/teams', res.status).id;
  const team = await eventually(existing);
  if (!team) throw new StepError(`Konnect accepted the team but does not list "${body.name}" yet; run sync again to finish it`);
  return team.id;
}

/** POST that is safe to retry: a repeat answers 409, which means the first one worked. */
export async function add(client: KonnectClient, path: string, body: unknown): Promise<Outcome> {
  try {
    await client.call('global', 'POST', path, { body, idempotent: true });
    return 'done';
  } catch (err) {
    // After our own retry, the 409 answers the first attempt: this run did the work.
    if (err instanceof ApiError && err.api.status === 409) return err.tries > 1 ? 'done' : 'already';
    throw err;
  }
}

export async function remove(client: KonnectClient, path: string): Promise<Outcome> {
  try {
    await client.call('global', 'DELETE', path);
    return 'done';
  } catch (err) {
    if (err instanceof ApiError && err.api.status === 404) return err.tries > 1 ? 'done' : 'already';
    throw err;
  }
}

export async function patch(client: KonnectClient, path: string, body: unknown): Promise<Outcome> {
  await client.call('global', 'PATCH', path, { body });
  return 'done';
}

/** A just-created object may take a moment to appear in lists: look a few times before giving up. */
async function eventually<T>(look: () => Promise<T | undefined>, tries = 4, delayMs = 250): Promise<T | undefined> {
  for (let i = 0; ; i++) {
    const found = await look();
    if (found !== undefined || i + 1 >= tries) return found;
    await new Promise((r) => setTimeout(r, delayMs * 2 ** i));
  }
}
