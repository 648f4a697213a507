/**
 * What `validate` warns about: files that are valid and mean something a reader rarely
 * expects. Warnings change nothing (not the exit code, not the plan); each points at where the
 * surprise is written, or at the top of the first file for a key that is missing.
 */
import type { Problem } from '../errors.js';
import { child, isObj, problemAt, str, type Written } from './written.js';

/** Past this many users without `teams`, one warning counts the rest. */
const MAX_TEAMLESS_WARNINGS = 10;

export function checkSurprises(w: Written): Problem[] {
  const out: Problem[] = [];
  const info = isObj(w.info?.value) ? w.info.value : {};
  const ignoresUnlisted = str(info.unlisted_users) === 'ignore';
  const has = (key: string) => w.files.some((f) => isObj(f.value) && key in f.value);
  const first = w.files[0];
  if (!has('users') && !ignoresUnlisted && first) {
    const where = w.files.length === 1 ? 'The file has no' : `None of the ${w.files.length} files has a`;
    out.push(problemAt({ file: first, path: [], value: first.value },
      `${where} users: key, so every user of the organization is unlisted and the plan removes them all (_info.unlisted_users defaults to remove; sync refuses while that takes the token's own user or the last Organization Admin). To leave people alone, set _info.unlisted_users: ignore; to mean that nobody should be in the organization, write users: [].`));
  }
  const leaves = has('teams')
    ? 'every team orgdeck manages, predefined teams such as Organization Admin included'
    : 'every predefined team, such as Organization Admin (without a teams: key, custom teams are left alone)';
  const teamless = w.users.filter((u) => isObj(u.value) && !('teams' in u.value));
  for (const u of teamless.slice(0, MAX_TEAMLESS_WARNINGS)) {
    const email = str((u.value as Record<string, unknown>).email) ?? 'This user';
    out.push(problemAt(child(u, 'email'), `${email} is listed without teams, so sync removes them from ${leaves}. List the teams they keep, or write teams: [] to mean none.`));
  }
  const rest = teamless.slice(MAX_TEAMLESS_WARNINGS);
  if (rest.length > 0) {
    out.push(problemAt(child(rest[0]!, 'email'), `${rest.length} more users, from here on, are listed without teams and leave their teams the same way. List their teams, or write teams: [] to mean none.`));
  }
  return out;
}
