/** User operations on the org value: invites, accept, update, delete with cascades. */
import { type OrgData, type OrgEnv, type UserRecord, timestamp } from '../types.js';
import { OrgError, conflict, notFound } from './errors.js';
import { findBy, without } from './lookup.js';

export function findUser(data: OrgData, id: string): UserRecord {
  const user = findBy(data.users, 'id', (u) => u.id, id);
  if (!user) throw notFound('user');
  return user;
}

/** Konnect treats emails case-insensitively (konnect-api-notes §8, assumed). */
export function findUserByEmail(data: OrgData, email: string): UserRecord | undefined {
  return findBy(data.users, 'email', (u) => u.email.toLowerCase(), email.toLowerCase());
}

/**
 * POST /v3/invites: a new email becomes a pending user (active: false, no names); a pending
 * user is simply re-invited; an active user is a 409 with the spec's exact detail.
 */
export function inviteUser(data: OrgData, env: OrgEnv, email: string): 'invited' | 'reinvited' {
  const existing = findUserByEmail(data, email);
  if (existing?.active) throw conflict('User is already active');
  const now = timestamp(env);
  // Every accepted invite call sends an email, a re-invite too: tests count them to prove none is sent twice.
  data.invitations_sent = [...(data.invitations_sent ?? []), { email: email.toLowerCase(), at: now }];
  // A fresh invitation is a change to the pending user (assumed: Konnect does not document it).
  if (existing) {
    existing.updated_at = now;
    return 'reinvited';
  }
  data.users.push({ id: env.newId(), email, active: false, created_at: now, updated_at: now });
  return 'invited';
}

/** Rehearsal stand-in for the invitee finishing registration in the Konnect UI. */
export function acceptInvite(data: OrgData, env: OrgEnv, email: string, fullName: string): UserRecord {
  const user = findUserByEmail(data, email);
  if (!user || user.active) throw new OrgError('not_found', `No pending invite for ${email}`);
  user.active = true;
  user.full_name = fullName;
  user.updated_at = timestamp(env);
  return user;
}

export interface UserPatch {
  full_name?: string;
  preferred_name?: string;
}

export function updateUser(data: OrgData, env: OrgEnv, id: string, patch: UserPatch): UserRecord {
  const user = findUser(data, id);
  if (patch.full_name !== undefined) user.full_name = patch.full_name;
  if (patch.preferred_name !== undefined) user.preferred_name = patch.preferred_name;
  user.updated_at = timestamp(env);
  return user;
}

/** Deleting a user also drops their memberships and direct roles; for a pending user it cancels the invite. */
export function deleteUser(data: OrgData, id: string): void {
  findUser(data, id);
  data.users = without(data.users, (u) => u.id === id);
  data.team_users = without(data.team_users, (m) => m.user_id === id);
  data.assigned_roles = without(data.assigned_roles, (r) => r.principal_kind === 'user' && r.principal_id === id);
}
