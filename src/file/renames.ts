/**
 * `renamed_from:` on teams and system accounts: earlier names the diff may find live and rename.
 * An old name must not be a name the file declares (the file would mean two things by it), and
 * no two declarations may claim one old name (the diff could not tell which one it became).
 */
import { PREDEFINED_TEAMS } from '../model.js';
import type { GrantCheck } from './grants.js';
import { child, type Entry, isObj, problemAt, str, whereIs } from './written.js';
import { quoted } from '../text/excerpt.js';
import { renameConflict, renameDone } from '../teams.js';

/** `what`: "team" or "system account"; `declared`: the names the file declares for that kind. */
export function checkRenamedFrom(entries: readonly Entry[], what: string, declared: ReadonlySet<string>, out: GrantCheck): void {
  const claimed = new Map<string, { by: string; at: Entry }>();
  for (const e of entries) {
    const list = child(e, 'renamed_from');
    const name = isObj(e.value) ? str(e.value.name) : undefined;
    if (!Array.isArray(list.value) || name === undefined) continue;
    const seen = new Set<string>();
    list.value.forEach((old, i) => {
      if (typeof old !== 'string') return;
      const at = child(list, i);
      if (seen.has(old)) return; // the schema's uniqueItems says so already
      seen.add(old);
      if (old === name) {
        out.problems.push(problemAt(at, `The ${what} cannot be renamed from its own name ${quoted(old)}. Remove it from renamed_from.`));
        return;
      }
      if (what === 'team' && PREDEFINED_TEAMS.includes(old)) {
        out.problems.push(problemAt(at, `${quoted(old)} is one of Konnect's predefined teams: it cannot be renamed, so it cannot be renamed_from of ${quoted(name)}. Remove it from renamed_from.`));
        return;
      }
      if (declared.has(old)) {
        out.problems.push(problemAt(at, `${quoted(old)} is renamed_from of ${what} ${quoted(name)}, but the file also declares a ${what} of that name: it cannot be both. Remove one.`));
        return;
      }
      const first = claimed.get(old);
      if (first) out.problems.push(problemAt(at, `Two ${what}s are renamed from ${quoted(old)}: ${quoted(name)} here and ${quoted(first.by)} at ${whereIs(first.at)}. One ${what} can become only one; keep it in one renamed_from.`));
      else claimed.set(old, { by: name, at });
    });
  }
}

/**
 * `validate --online`: a rename whose two names are both live is refused (as the diff refuses
 * it); one already done (the new name live, no old one) is a notice that the key can go.
 * `live`: the names the organization holds for that kind (teams orgdeck manages, or accounts).
 */
export function checkRenamesOnline(entries: readonly Entry[], what: string, live: ReadonlySet<string>, out: GrantCheck): void {
  for (const e of entries) {
    const list = child(e, 'renamed_from');
    const name = isObj(e.value) ? str(e.value.name) : undefined;
    if (!Array.isArray(list.value) || name === undefined || !live.has(name)) continue;
    const olds = list.value.filter((o): o is string => typeof o === 'string');
    const both = olds.findIndex((o) => live.has(o));
    if (both >= 0) out.problems.push(problemAt(child(list, list.value.indexOf(olds[both])), renameConflict(what, olds[both]!, name)));
    else if (olds.length > 0) out.notices.push(problemAt(list, renameDone(what, name, olds), true));
  }
}
