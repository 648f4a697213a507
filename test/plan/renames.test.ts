/** A rename (renamed_from) is not a deletion: no guard counts it, and the access it carries stays on the team's id. */
import { describe, expect, it } from 'vitest';
import type { LiveGrant } from '../../src/live.js';
import type { Grant } from '../../src/model.js';
import { buildPlan } from '../../src/plan/build.js';
import { againstLive } from '../../src/plan/complete.js';
import { describeChange } from '../../src/plan/describe.js';
import { desiredState, desiredTeam, desiredUser, liveState, liveTeam, liveUser } from '../support/builders.js';

const IDENTITY_ADMIN: Grant = { role: 'Admin', entityType: 'Identity', entity: '*', region: '*' };
const identityAdmin: LiveGrant = { id: 'g1', role: 'Admin', entityType: 'Identity', entityId: '*', region: '*' };

/** The token's user (ci@) holds Identity Admin only through the custom team "Identity Admins"; admin@ is the Organization Admin. */
function org() {
  const me = liveUser('ci@example.com');
  const admin = liveUser('admin@example.com');
  const admins = liveTeam('Organization Admin', { system: true, memberIds: [admin.id] });
  const idTeam = liveTeam('Identity Admins', { memberIds: [me.id], roles: [identityAdmin] });
  return { idTeam, live: liveState([me, admin], [admins, idTeam], me) };
}

const file = (renamedFrom?: string[]) => desiredState(
  [desiredUser('admin@example.com', { teams: ['Organization Admin'] }), desiredUser('ci@example.com', { teams: ['Identity Team'] })],
  [desiredTeam('Identity Team', { roles: [IDENTITY_ADMIN], ...(renamedFrom ? { renamedFrom } : {}) })],
);

describe('renamed_from and the guards', () => {
  it('renaming the team that carries the token\'s Identity Admin is one update, and no guard refuses it', () => {
    const { idTeam, live } = org();
    const plan = buildPlan(file(['Identity Admins']), live);
    expect(plan.changes.map(describeChange)).toEqual(['rename team Identity Admins → Identity Team']);
    expect(plan.changes[0]?.team).toEqual({ name: 'Identity Team', id: idTeam.id });
    expect(plan.refusals).toEqual([]);
    expect(plan.access_changes ?? []).toEqual([]);
  });

  it('the same rename without renamed_from is a create and a delete, which the lock-out guard refuses', () => {
    const plan = buildPlan(file(), org().live);
    expect(plan.summary).toMatchObject({ create: 3, update: 0, delete: 1 });
    expect(plan.refusals.map((r) => r.guard)).toContain('lock-out');
  });
});

describe('renamed_from and a saved plan', () => {
  it('judged again against the org as read (sync --plan), the plan finds the renamed team under its new name', () => {
    const { live } = org();
    const bo = liveUser('bo@example.com');
    const read = { ...live, users: [...live.users, bo] };
    const desired = file(['Identity Admins']);
    desired.users.push(desiredUser('bo@example.com', { teams: ['Identity Team'] }));
    const plan = buildPlan(desired, read);
    expect(plan.changes.map(describeChange)).toEqual(['rename team Identity Admins → Identity Team', 'add bo@example.com to team Identity Team']);
    expect(plan.access_changes).toEqual([{
      principal: { kind: 'user', key: 'bo@example.com' },
      gained: [{ kind: 'team', team: 'Identity Team' }, { kind: 'grant', grant: { role: 'Admin', entity_type: 'Identity', entity: '*', entity_id: '*', region: '*' }, via: ['team:Identity Team'] }],
      lost: [],
    }]);
    expect(againstLive(plan, read)).toEqual(plan);
  });
});
