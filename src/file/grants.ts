/** Rules for one grant (role + entity type + entity + region), shared by users and teams. */
import type { Problem } from '../errors.js';
import { ENTITY_TYPE_ALIASES, ENTITY_TYPES, findGroup, NAMED_ENTITY_TYPES } from '../catalogue/roles.js';
import type { Grant, GrantRegion } from '../model.js';
import { closest, didYouMean } from '../text/suggest.js';
import { UUID } from '../text/uuid.js';
import { child, type Entry, isObj, problemAt, str } from './written.js';
import { quoted } from '../text/excerpt.js';


export interface GrantCheck {
  problems: Problem[];
  notices: Problem[];
}

export function canonicalEntityType(written: string): string | undefined {
  if (ENTITY_TYPES.includes(written)) return written;
  return ENTITY_TYPE_ALIASES[written];
}

/** Checks every grant of a `roles` list; duplicates are judged after aliases and defaults apply. */
export function checkGrants(list: Entry, defaultRegion: string | undefined, out: GrantCheck): void {
  if (!Array.isArray(list.value)) return;
  const seen = new Map<string, Entry>();
  list.value.forEach((_, i) => {
    const g = child(list, i);
    if (!isObj(g.value)) return;
    checkOne(g, defaultRegion, out);
    const grant = readGrant(g.value, defaultRegion);
    if (!grant) return;
    const key = grantKey(grant);
    const first = seen.get(key);
    if (first) {
      out.problems.push(problemAt(g, `This grant repeats the one at index ${String(first.path.at(-1))} (${describeGrant(grant)}); remove one.`));
    } else {
      seen.set(key, g);
    }
  });
}

function checkOne(g: Entry, defaultRegion: string | undefined, out: GrantCheck): void {
  const v = g.value as Record<string, unknown>;
  const typeWritten = str(v.entity_type);
  const type = typeWritten === undefined ? undefined : canonicalEntityType(typeWritten);
  if (typeWritten !== undefined && type === undefined) {
    const options = [...ENTITY_TYPES, ...Object.keys(ENTITY_TYPE_ALIASES)];
    out.problems.push(problemAt(child(g, 'entity_type'), `Unknown entity type ${quoted(typeWritten)}.${didYouMean(typeWritten, options) || ` Known types: ${ENTITY_TYPES.join(', ')}.`}`));
  } else if (typeWritten !== undefined && type !== typeWritten) {
    out.notices.push(problemAt(child(g, 'entity_type'), `${quoted(typeWritten)} is the former name of "${type}"; orgdeck reads it as "${type}". Rename it to silence this notice.`));
  }
  const role = str(v.role);
  const group = type === undefined ? undefined : findGroup(type);
  if (role !== undefined && group && !group.roles.some((r) => r.name === role)) {
    const names = group.roles.map((r) => r.name);
    const hint = closest(role, names);
    const tail = hint ? ` Did you mean "${hint}"?` : ` Roles for ${type}: ${names.join(', ')}.`;
    out.problems.push(problemAt(child(g, 'role'), `Role ${quoted(role)} does not exist for ${type}.${tail}`));
  }
  const entity = str(v.entity);
  if (entity !== undefined && type !== undefined) checkEntity(child(g, 'entity'), entity, type, str(v.region) ?? defaultRegion, out);
}

function checkEntity(e: Entry, entity: string, type: string, region: string | undefined, out: GrantCheck): void {
  if (entity === '*') return;
  if (UUID.test(entity)) {
    if (region === undefined && !(type in NAMED_ENTITY_TYPES)) {
      out.problems.push(problemAt(e, `A grant on ${type} by id needs a region: orgdeck can look up where an id lives only for ${Object.keys(NAMED_ENTITY_TYPES).join(' and ')}. Add region (or _info.defaults.region).`));
    }
    return;
  }
  if (entity.includes('*')) {
    out.problems.push(problemAt(e, `${quoted(entity)} is not an entity: only a lone "*" matches every entity of type ${type}. List the entities, or use "*".`));
  } else if (entity.trim() !== entity || /[\u0000-\u001f\u007f]/.test(entity) || entity.length > 100) {
    out.problems.push(problemAt(e, `${quoted(entity)} is not a plausible name for an entity of type ${type} (no leading or trailing spaces, control characters, or more than 100 characters). Use the entity's name, its id, or "*".`));
  } else if (!(type in NAMED_ENTITY_TYPES)) {
    out.problems.push(problemAt(e, `Grants on ${type} name the entity by id or "*": orgdeck can look up names only for ${Object.keys(NAMED_ENTITY_TYPES).join(' and ')}.`));
  } else if (region === '*') {
    out.problems.push(problemAt(e, `${quoted(entity)} names one entity of type ${type}, which lives in one region, but region is "*". Give its region, or omit region to look the name up.`));
  }
}

/** The grant as orgdeck means it, or undefined when its fields have the wrong shapes. */
export function readGrant(v: Record<string, unknown>, defaultRegion: string | undefined): Grant | undefined {
  const role = str(v.role);
  const typeWritten = str(v.entity_type);
  const entity = str(v.entity);
  if (role === undefined || typeWritten === undefined || entity === undefined) return undefined;
  const entityType = canonicalEntityType(typeWritten) ?? typeWritten;
  const written = str(v.region) as GrantRegion | undefined;
  // The default region is for named entities; "*" without a region means every region.
  const region = written ?? (entity === '*' ? '*' : (defaultRegion as GrantRegion | undefined));
  const isId = UUID.test(entity);
  return { role, entityType, entity: isId ? entity.toLowerCase() : entity, ...(region ? { region } : {}) };
}

export function grantKey(g: Grant): string {
  return [g.role, g.entityType, g.entity, g.region ?? '?'].join('\u0000');
}

export function describeGrant(g: Grant): string {
  return `${g.role} on ${g.entityType} ${g.entity}${g.region ? ` (${g.region})` : ''}`;
}
