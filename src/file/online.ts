/**
 * `validate --online`: the file against the live organization, after the offline checks pass.
 * Roles against the org's catalogue (`GET /v3/roles`), entity names in their regions (through
 * the diff's own resolver), predefined team names as the org has them, and team names the org
 * holds more than once. Every problem at its file:line:col, like the offline rules.
 */
import { hasExpired } from '../expiry.js';
import { indexEntities, resolveGrant } from '../resolve.js';
import type { LiveTeam } from '../live.js';
import { type LiveEntity, PREDEFINED_TEAMS } from '../model.js';
import { duplicateTeamMessage, liveTeamsByName } from '../teams.js';
import { closest } from '../text/suggest.js';
import { type GrantCheck, readGrant } from './grants.js';
import { lookalikeFinder, lookalikeTeamMessage } from './lookalike-teams.js';
import { checkRenamesOnline } from './renames.js';
import { teamItems } from './team-items.js';
import { child, type Entry, isObj, problemAt, str, type Written } from './written.js';
import { quoted } from '../text/excerpt.js';

export interface OnlineFacts {
  /** Role names by entity type name, as the organization's catalogue lists them. */
  roles: ReadonlyMap<string, ReadonlySet<string>>;
  teams: readonly LiveTeam[];
  entities: readonly LiveEntity[];
  /** The organization's system accounts, read only when a declared one has `renamed_from`. */
  systemAccounts?: readonly { id: string; name: string }[];
}

export function checkOnline(w: Written, facts: OnlineFacts, now: number): GrantCheck {
  const out: GrantCheck = { problems: [], notices: [] };
  const info = isObj(w.info?.value) ? w.info.value : {};
  const defaultRegion = isObj(info.defaults) ? str(info.defaults.region) : undefined;
  const byName = liveTeamsByName(facts.teams);
  const entities = indexEntities(facts.entities);
  const unlisted = new Set<string>();
  const grants = (list: Entry, holder: string) => {
    if (!Array.isArray(list.value)) return;
    list.value.forEach((_, i) => {
      const g = child(list, i);
      const grant = isObj(g.value) ? readGrant(g.value, defaultRegion) : undefined;
      if (!grant) return;
      const roles = facts.roles.get(grant.entityType);
      if (!roles) {
        if (!unlisted.has(grant.entityType)) out.notices.push(problemAt(child(g, 'entity_type'), `The organization's role catalogue (GET /v3/roles) does not list ${grant.entityType}, so its roles cannot be checked online.`));
        unlisted.add(grant.entityType);
      } else if (!roles.has(grant.role)) {
        const hint = closest(grant.role, [...roles]);
        const tail = hint ? ` Did you mean "${hint}"?` : ` It lists: ${[...roles].join(', ')}.`;
        out.problems.push(problemAt(child(g, 'role'), `The organization has no role ${quoted(grant.role)} for ${grant.entityType} (GET /v3/roles).${tail}`));
      }
      const r = resolveGrant(grant, entities, holder);
      // An expired grant on an entity since deleted is what diff and sync skip: the offline
      // warning already says to delete the entry.
      const ended = isObj(g.value) && typeof g.value.expires === 'string' && hasExpired({ on: g.value.expires }, now);
      if (!r.ok && !ended) out.problems.push(problemAt(child(g, 'entity'), r.problem));
    });
  };

  const declared = new Set(w.teams.map((t) => (isObj(t.value) ? str(t.value.name) : undefined)).filter((n) => n !== undefined));
  checkRenamesOnline(w.teams, 'team', new Set(byName.managed.keys()), out);
  if (facts.systemAccounts) checkRenamesOnline(w.systemAccounts, 'system account', new Set(facts.systemAccounts.map((a) => a.name)), out);
  // A team under an old name (renamed_from) becomes the declared one: never two teams side by side.
  const renamed = new Set(w.teams.flatMap((t) => (isObj(t.value) && Array.isArray(t.value.renamed_from) ? t.value.renamed_from : [])));
  // A managed team the file leaves out is deleted by the diff, so a case-only rename of it reads as one.
  const lookalike = lookalikeFinder(facts.teams.filter((x) => x.system || !x.inScope || !renamed.has(x.name)), (x) => x.inScope && !declared.has(x.name));
  for (const t of w.teams) {
    const name = isObj(t.value) ? str(t.value.name) : undefined;
    if (name === undefined) continue;
    const at = child(t, 'name');
    const predefined = [...byName.system.keys()].find((p) => p.toLowerCase() === name.toLowerCase());
    const same = byName.managed.get(name) ?? [];
    const outside = facts.teams.filter((x) => !x.system && !x.inScope && x.name === name);
    if (predefined) out.problems.push(problemAt(at, `${quoted(name)} is a predefined team in this organization ("${predefined}"): it cannot be declared, only joined. Remove it from teams, or rename it.`));
    else if (same.length > 1) out.problems.push(problemAt(at, duplicateTeamMessage(name, same.map((t) => t.id))));
    else if (same.length === 0 && outside.length > 0) out.problems.push(problemAt(at, `Team ${quoted(name)} exists in Konnect (id ${outside.map((x) => x.id).join(', ')}) but lacks the labels of _info.select_team_labels, so orgdeck does not manage it. Add the labels in Konnect to adopt it, or rename the team in the file.`));
    else if (same.length === 0) {
      const like = lookalike(name);
      if (like) out.problems.push(problemAt(at, lookalikeTeamMessage(name, like)));
    }
    grants(child(t, 'roles'), `team ${name}`);
  }
  for (const u of w.users) {
    if (!isObj(u.value)) continue;
    for (const { name, at } of teamItems(child(u, 'teams'))) {
      if (declared.has(name) || byName.system.has(name) || !PREDEFINED_TEAMS.includes(name)) continue;
      const names = [...byName.system.keys()];
      out.problems.push(problemAt(at(), `This organization has no predefined team ${quoted(name)}.${closest(name, names) ? ` Did you mean "${closest(name, names)}"?` : ''} Its predefined teams: ${names.join(', ')}.`));
    }
    grants(child(u, 'roles'), str(u.value.email)?.toLowerCase() ?? 'user');
  }
  return out;
}
