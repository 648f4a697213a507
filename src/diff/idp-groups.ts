/**
 * `teams[].idp_groups`: which IdP groups map to a team, as a kind of its own
 * (`team-idp-group: <team>/<group>`, case-sensitive). A team without the key keeps its mappings.
 */
import { type Change, changeId, type PlanNote } from '../change.js';
import { plural } from '../text/plural.js';
import type { DiffContext } from './context.js';

export const NO_IDP_TOPIC = 'no-identity-provider';

/** The mapping changes, or a note when the org has no identity provider to map groups in. */
export function diffIdpGroups(ctx: DiffContext): PlanNote[] {
  const declaring = ctx.desired.teams.filter((t) => t.idpGroups !== undefined);
  if (declaring.length === 0) return [];
  const idp = ctx.live.idp;
  if (idp?.problem) {
    ctx.problems.push(idp.problem);
    return [];
  }
  if (!idp?.selected) {
    const wanted = declaring.reduce((n, t) => n + t.idpGroups!.length, 0);
    if (wanted === 0) return [];
    // Konnect answers 400 "cannot be set before configuring an identity provider": nothing to do until one exists.
    return [{ topic: NO_IDP_TOPIC, count: wanted, message: `The file maps ${plural(wanted, 'IdP group')} to teams (idp_groups), but the organization has no identity provider configured, so there is nothing to map them in yet. orgdeck leaves them until an OIDC or SAML provider is set up in Konnect.` }];
  }
  const providerId = idp.selected.id;
  for (const t of declaring) {
    const live = ctx.managedTeams.get(t.name);
    const held = new Map((live?.idpGroups ?? []).map((m) => [m.group, m.id]));
    const team = { name: t.name, ...(live ? { id: live.id } : {}) };
    for (const group of t.idpGroups!) {
      if (held.has(group)) continue;
      const c: Change = { op: 'create', kind: 'team-idp-group', key: `${t.name}/${group}`, team, idp_group: { provider_id: providerId, group } };
      ctx.changes.push(live ? c : { ...c, depends_on: [changeId({ op: 'create', kind: 'team', key: t.name })] });
    }
    for (const [group, id] of held) {
      if (t.idpGroups!.includes(group)) continue;
      ctx.changes.push({ op: 'delete', kind: 'team-idp-group', key: `${t.name}/${group}`, team, idp_group: { provider_id: providerId, group, id } });
    }
  }
  return [];
}
