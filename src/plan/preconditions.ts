/**
 * Preconditions: the live facts a change depends on, written into the plan so a saved plan can
 * be checked before it is applied. They follow from the change itself (its ids and `before`
 * fields), so a hand-edited change is checked as strictly as a computed one.
 *
 *   create user            no user with that email
 *   update / delete user   the user (id) exists with that email, names as before, active or pending
 *   create team            no team with that name
 *   update / delete team   the team (id) exists with that name (and description, labels as before);
 *                          a rename: with its old name
 *   add / remove member    user and team exist; the membership is absent / present; Konnect, not
 *                          the IdP, owns users' team membership (the SSO settings)
 *   grant / revoke         the holder exists; the grant is absent / present (by its id)
 *   map / unmap IdP group  the team exists; in the same identity provider, the group's mapping to
 *                          the team is absent / present (by its id)
 *   resend invitation      the user (id) exists with that email and is still pending (and no
 *                          invitation went out since the plan was made: moved.ts, from its origin)
 *   create system account  no account with that name
 *   update / delete one    the account (id) exists with that name (and description as before);
 *                          a rename: with its old name
 *   add / remove account   account and team exist; the membership is absent / present
 *     membership
 *   grant / revoke account the account exists; the grant is absent / present (by its id)
 *     role
 */
import type { Change, Fields, Holder, Precondition } from '../change.js';

// moved.ts and saved plans name the type from here, beside the function that computes it.
export type { Precondition } from '../change.js';

export function preconditionsOf(c: Change): Precondition[] {
  const user = c.user?.id ? { email: c.user.email, id: c.user.id } : undefined;
  const team = c.team?.id ? { name: c.team.name, id: c.team.id } : undefined;
  const account = c.system_account?.id ? { name: c.system_account.name, id: c.system_account.id } : undefined;
  const accountFact = (fields?: Fields): Precondition[] => (account ? [{ fact: 'system-account', ...account, ...(fields ? { fields } : {}) }] : []);
  const userFact = (extra: Partial<Extract<Precondition, { fact: 'user' }>> = {}): Precondition[] => (user ? [{ fact: 'user', ...user, ...extra }] : []);
  const teamFact = (extra: Partial<Extract<Precondition, { fact: 'team' }>> = {}): Precondition[] => (team ? [{ fact: 'team', ...team, ...extra }] : []);
  const present = c.op === 'delete';
  // A rename (renamed_from) needs the old name still on the same id: the fact names it, not the new one.
  const withOldName = (facts: Precondition[]): Precondition[] => {
    const was = c.before?.name;
    if (c.op !== 'update' || typeof was !== 'string') return facts;
    return facts.map((f) => {
      if (f.fact !== 'team' && f.fact !== 'system-account') return f;
      const { name: _new, ...fields } = f.fields ?? {};
      return { ...f, name: was, ...(f.fields ? { fields } : {}) };
    });
  };
  switch (c.kind) {
    case 'user':
      if (c.op === 'create') return [{ fact: 'user-absent', email: c.user?.email ?? c.key }];
      if (c.op === 'update') return userFact({ fields: c.before ?? {} });
      return userFact(c.before?.status ? { active: c.before.status === 'active' } : {});
    case 'team':
      if (c.op === 'create') return [{ fact: 'team-absent', name: c.team?.name ?? c.key }];
      if (c.op === 'update') return withOldName(teamFact({ fields: c.before ?? {} }));
      return teamFact();
    case 'team-membership':
      // diff plans users' membership only while Konnect, not the IdP, owns it (diff/idp.ts).
      return [...teamFact(), ...userFact(), ...(user && team ? [{ fact: 'member' as const, present, team, user }] : []), { fact: 'konnect-owns-membership' }];
    case 'user-role':
    case 'team-role':
    case 'system-account-role': {
      const holder: Holder | undefined =
        c.kind === 'user-role' ? user && { kind: 'user', key: user.email, id: user.id }
        : c.kind === 'team-role' ? team && { kind: 'team', key: team.name, id: team.id }
        : account && { kind: 'system-account', key: account.name, id: account.id };
      if (!holder || !c.grant) return [];
      const { role, entity_type, entity, entity_id, region, id } = c.grant;
      const own = c.kind === 'user-role' ? userFact() : c.kind === 'team-role' ? teamFact() : accountFact();
      return [...own, { fact: 'grant', present, holder, role, entity_type, entity, entity_id, region, ...(present && id ? { id } : {}) }];
    }
    case 'team-idp-group': {
      const m = c.idp_group;
      const mapping: Precondition[] = team && m ? [{ fact: 'idp-group', present, team, provider_id: m.provider_id, group: m.group, ...(present && m.id ? { id: m.id } : {}) }] : [];
      return [...teamFact(), ...mapping];
    }
    case 'invite':
      return userFact({ active: false });
    case 'system-account':
      if (c.op === 'create') return [{ fact: 'system-account-absent', name: c.system_account?.name ?? c.key }];
      return withOldName(accountFact(c.before && 'description' in c.before ? { description: c.before.description } : undefined));
    case 'system-account-membership':
      return [...teamFact(), ...accountFact(), ...(account && team ? [{ fact: 'account-member' as const, present, team, system_account: account }] : [])];
    default:
      throw new Error(`internal: no preconditions for ${c.op} ${c.kind}`);
  }
}

/** Every change with its preconditions written out, for the saved plan and its readers. */
export function withPreconditions(changes: readonly Change[]): Change[] {
  return changes.map((c) => ({ ...c, preconditions: preconditionsOf(c) }));
}
