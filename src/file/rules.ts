/** The rules a JSON Schema cannot say, run over the merged files; every problem is reported. */
import { PREDEFINED_TEAMS } from '../model.js';
import { describeControl, describeEdgeBlank } from '../text/confusables.js';
import { didYouMean } from '../text/suggest.js';
import { checkExpiries } from './expires.js';
import { checkGrants, type GrantCheck } from './grants.js';
import { checkRenamedFrom } from './renames.js';
import { teamItems } from './team-items.js';
import { TeamNames } from './team-names.js';
import type { PathSegment } from './located.js';
import { child, type Entry, isObj, problemAt, str, whereIs, type Written } from './written.js';
import { EXCERPT_CHARS, excerpt, quoted } from '../text/excerpt.js';

/** `${NAME}`: a shell's or envsubst's reference, which orgdeck leaves as written (`$NAME` alone could be prose). */
const SHELL_VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;

function shellVariableNotice(ref: string, name: string): string {
  const env = name.startsWith('ORGDECK_') ? name : `ORGDECK_${name}`;
  return `${quoted(ref)} is not substituted: orgdeck reads the environment only as \${{ env "${env}" }} (variables starting with ORGDECK_), so sync would write ${quoted(ref)} as it stands. Write the reference that way, or rename the text.`;
}

export function checkRules(w: Written): GrantCheck {
  const out: GrantCheck = { problems: [], notices: [] };
  const info = isObj(w.info?.value) ? w.info.value : {};
  const defaultRegion = isObj(info.defaults) ? str(info.defaults.region) : undefined;
  const selectLabels = isObj(info.select_team_labels) ? info.select_team_labels : undefined;
  // Declared and predefined team names, the names a principal's teams may use.
  const declared = checkTeams(w.teams, selectLabels, out);
  const known = new Set([...declared, ...PREDEFINED_TEAMS]);
  checkUsers(w.users, known, out);
  checkSystemAccounts(w.systemAccounts, known, out);
  checkRenamedFrom(w.teams, 'team', new Set(declared), out);
  checkRenamedFrom(w.systemAccounts, 'system account', new Set(w.systemAccounts.map((a) => (isObj(a.value) ? str(a.value.name) : undefined)).filter((n) => n !== undefined)), out);
  for (const list of [w.teams, w.users, w.systemAccounts]) {
    for (const e of list) checkGrants(child(e, 'roles'), defaultRegion, out);
  }
  checkExpiries(w, out);
  for (const file of w.files) walkStrings(file.value, [], (path, s) => {
    const bad = describeControl(s);
    if (bad) out.problems.push(problemAt({ file, path: [...path], value: s }, `This text ${bad}`));
    const blank = describeEdgeBlank(s);
    const notice = blank && problemAt({ file, path: [...path], value: s }, `This text ${blank}`);
    // A team name's edge blanks are already an error there (lookalike-names.ts).
    if (notice && !out.problems.some((p) => p.file === notice.file && p.pointer === notice.pointer)) out.notices.push(notice);
    const shell = SHELL_VARIABLE.exec(s);
    if (shell) out.notices.push(problemAt({ file, path: [...path], value: s }, shellVariableNotice(shell[0], shell[1]!)));
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
        out.problems.push(problemAt(child(t, 'labels', k), `Label ${quoted(k)} is ${quoted(String(labels[k]))} but _info.select_team_labels requires ${quoted(String(v))}; orgdeck sets it on every team it manages. Drop it here.`));
      }
    }
  }
  return names.declared;
}

function checkUsers(users: Entry[], known: ReadonlySet<string>, out: GrantCheck): void {
  const byEmail = new Map<string, Entry>();
  for (const u of users) {
    if (!isObj(u.value)) continue;
    const email = str(u.value.email);
    if (email !== undefined) {
      const first = byEmail.get(email.toLowerCase());
      const at = child(u, 'email');
      if (first) out.problems.push(problemAt(at, `User ${email.length <= EXCERPT_CHARS ? email : excerpt(email)} is listed twice: here and at ${whereIs(first)} (emails compare case-insensitively). Keep one.`));
      else byEmail.set(email.toLowerCase(), at);
    }
    checkMemberTeams(child(u, 'teams'), 'user', known, out);
  }
}

/** System accounts follow the users' rules: unique names, teams declared or predefined. */
function checkSystemAccounts(accounts: Entry[], known: ReadonlySet<string>, out: GrantCheck): void {
  const byName = new Map<string, Entry>();
  for (const a of accounts) {
    if (!isObj(a.value)) continue;
    const name = str(a.value.name);
    if (name !== undefined) {
      const first = byName.get(name);
      const at = child(a, 'name');
      if (first) out.problems.push(problemAt(at, `System account ${quoted(name)} is listed twice: here and at ${whereIs(first)}. Keep one.`));
      else byName.set(name, at);
    }
    checkMemberTeams(child(a, 'teams'), 'system account', known, out);
  }
}

/** A principal's `teams`: each named once, each declared under teams or predefined. */
function checkMemberTeams(teams: Entry, who: string, known: ReadonlySet<string>, out: GrantCheck): void {
  const seen = new Set<string>();
  for (const { name, at } of teamItems(teams)) {
    if (seen.has(name)) out.problems.push(problemAt(at(), `Team ${quoted(name)} is listed twice for this ${who}; keep one.`));
    seen.add(name);
    if (!known.has(name)) {
      out.problems.push(problemAt(at(), `Team ${quoted(name)} is neither declared under teams nor a predefined team.${didYouMean(name, [...known]) || ' Declare it under teams.'}`));
    }
  }
}

/** Every string in `v` with its path; `path` is one array pushed and popped (copy it to keep it). */
function walkStrings(v: unknown, path: PathSegment[], visit: (path: PathSegment[], s: string) => void): void {
  if (typeof v === 'string') visit(path, v);
  else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      walkStrings(v[i], path, visit);
      path.pop();
    }
  } else if (isObj(v)) {
    for (const k of Object.keys(v)) {
      path.push(k);
      walkStrings(v[k], path, visit);
      path.pop();
    }
  }
}
