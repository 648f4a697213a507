/** The rules a JSON Schema cannot say, run over the merged files; every problem is reported. */
import { PREDEFINED_TEAMS } from '../model.js';
import { describeControl } from '../text/confusables.js';
import { didYouMean } from '../text/suggest.js';
import { checkGrants, type GrantCheck } from './grants.js';
import { TeamNames } from './team-names.js';
import type { PathSegment } from './located.js';
import { child, type Entry, isObj, problemAt, str, whereIs, type Written } from './written.js';

export function checkRules(w: Written): GrantCheck {
  const out: GrantCheck = { problems: [], notices: [] };
  const info = isObj(w.info?.value) ? w.info.value : {};
  const defaultRegion = isObj(info.defaults) ? str(info.defaults.region) : undefined;
  const selectLabels = isObj(info.select_team_labels) ? info.select_team_labels : undefined;
  const declared = checkTeams(w.teams, selectLabels, out);
  checkUsers(w.users, declared, out);
  for (const e of [...w.teams, ...w.users]) {
    checkGrants(child(e, 'roles'), defaultRegion, out);
  }
  for (const file of w.files) walkStrings(file.value, [], (path, s) => {
    const bad = describeControl(s);
    if (bad) out.problems.push(problemAt({ file, path, value: s }, `This text ${bad}`));
  });
  return out;
}

function checkTeams(teams: Entry[], selectLabels: Record<string, unknown> | undefined, out: GrantCheck): string[] {
  const names = new TeamNames(out);
  for (const t of teams) {
    const name = str(isObj(t.value) ? t.value.name : undefined);
    if (name === undefined || !names.add(name, child(t, 'name'))) continue;
    const labels = isObj(t.value) && isObj(t.value.labels) ? t.value.labels : undefined;
    for (const [k, v] of Object.entries(selectLabels ?? {})) {
      if (labels && k in labels && labels[k] !== v) {
        out.problems.push(problemAt(child(t, 'labels', k), `Label "${k}" is "${String(labels[k])}" but _info.select_team_labels requires "${String(v)}"; orgdeck sets it on every team it manages. Drop it here.`));
      }
    }
  }
  return names.declared;
}

function checkUsers(users: Entry[], declared: string[], out: GrantCheck): void {
  const byEmail = new Map<string, Entry>();
  const known = [...declared, ...PREDEFINED_TEAMS];
  for (const u of users) {
    if (!isObj(u.value)) continue;
    const email = str(u.value.email);
    if (email !== undefined) {
      const first = byEmail.get(email.toLowerCase());
      const at = child(u, 'email');
      if (first) out.problems.push(problemAt(at, `User ${email} is listed twice: here and at ${whereIs(first)} (emails compare case-insensitively). Keep one.`));
      else byEmail.set(email.toLowerCase(), at);
    }
    const teams = child(u, 'teams');
    if (!Array.isArray(teams.value)) continue;
    const seen = new Set<string>();
    teams.value.forEach((name, i) => {
      if (typeof name !== 'string') return;
      const at = child(teams, i);
      if (seen.has(name)) out.problems.push(problemAt(at, `Team "${name}" is listed twice for this user; keep one.`));
      seen.add(name);
      if (!known.includes(name)) {
        out.problems.push(problemAt(at, `Team "${name}" is neither declared under teams nor a predefined team.${didYouMean(name, known) || ' Declare it under teams.'}`));
      }
    });
  }
}

function walkStrings(v: unknown, path: PathSegment[], visit: (path: PathSegment[], s: string) => void): void {
  if (typeof v === 'string') visit(path, v);
  else if (Array.isArray(v)) for (const [i, x] of v.entries()) walkStrings(x, [...path, i], visit);
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) walkStrings(x, [...path, k], visit);
}
