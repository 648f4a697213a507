/**
 * A local org's seed: a state file plus, for seeding only, `control_planes` and `api_products`
 * (`[{name, region, id?}]`). The state part is checked exactly like any state file.
 */
import type { Problem } from '../errors.js';
import { REGIONS } from '../model.js';
import type { Env } from './env.js';
import { UUID } from './grants.js';
import { parseSource } from './parse.js';
import { checkRules } from './rules.js';
import { checkSchema } from './schema.js';
import type { Source } from './source.js';
import { child, type Entry, isObj, problemAt, str, mergeFiles } from './written.js';

const SEED_ONLY = ['control_planes', 'api_products', 'authentication_settings', 'predefined_teams', 'role_catalogue'] as const;

export function loadSeed(source: Source, env: Env): { seed?: Record<string, unknown>; problems: Problem[] } {
  const parsed = parseSource(source, env);
  if (!parsed.file) return { problems: parsed.problems };
  const full = parsed.file.value;
  const problems = [...parsed.problems];
  const stateOnly = isObj(full) ? Object.fromEntries(Object.entries(full).filter(([k]) => !(SEED_ONLY as readonly string[]).includes(k))) : full;
  const file = { ...parsed.file, value: stateOnly };
  problems.push(...checkSchema(file));
  problems.push(...checkRules(mergeFiles([file]).written).problems);
  if (isObj(full)) {
    for (const key of ['control_planes', 'api_products']) problems.push(...checkEntities({ file: parsed.file, path: [key], value: full[key] }));
    problems.push(...checkAuthSettings({ file: parsed.file, path: ['authentication_settings'], value: full.authentication_settings }));
    problems.push(...checkOrgShape(parsed.file, full));
  }
  return problems.length ? { problems } : { seed: full as Record<string, unknown>, problems: [] };
}

const AUTH_FLAGS = ['basic_auth_enabled', 'oidc_auth_enabled', 'saml_auth_enabled', 'idp_mapping_enabled', 'konnect_mapping_enabled'];

function checkAuthSettings(e: Entry): Problem[] {
  if (e.value === undefined) return [];
  if (!isObj(e.value)) return [problemAt(e, `Must be a mapping of ${AUTH_FLAGS.join(', ')} to true or false.`)];
  return Object.entries(e.value)
    .filter(([k, v]) => !AUTH_FLAGS.includes(k) || typeof v !== 'boolean')
    .map(([k]) => problemAt(child(e, k), `Must be one of ${AUTH_FLAGS.join(', ')}, set to true or false.`, true));
}

function checkEntities(list: Entry): Problem[] {
  if (list.value === undefined) return [];
  if (!Array.isArray(list.value)) return [problemAt(list, 'Must be a list of {name, region, id?}.')];
  const out: Problem[] = [];
  for (const [i, v] of list.value.entries()) {
    const e = child(list, i);
    if (!isObj(v)) {
      out.push(problemAt(e, 'Must be a mapping with name, region and optionally id.'));
      continue;
    }
    for (const k of Object.keys(v)) if (!['name', 'region', 'id', 'description', 'labels'].includes(k)) out.push(problemAt(child(e, k), `Unknown property "${k}".`, true));
    if (!str(v.name)) out.push(problemAt(e, 'This entity is missing "name".'));
    if (!(REGIONS as readonly string[]).includes(String(v.region))) out.push(problemAt(child(e, 'region'), `Region must be one of ${REGIONS.join(', ')}.`));
    if (v.id !== undefined && !UUID.test(String(v.id))) out.push(problemAt(child(e, 'id'), 'id must be a UUID.'));
  }
  return out;
}

/** `predefined_teams: [names]` and `role_catalogue: documented | spec`, for orgs unlike today's default. */
function checkOrgShape(file: Entry['file'], full: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const teams = full.predefined_teams;
  if (teams !== undefined && (!Array.isArray(teams) || teams.some((t) => typeof t !== 'string' || t === ''))) {
    problems.push(problemAt({ file, path: ['predefined_teams'], value: teams }, 'Must be a list of team names.'));
  }
  const catalogue = full.role_catalogue;
  if (catalogue !== undefined && catalogue !== 'documented' && catalogue !== 'spec') {
    problems.push(problemAt({ file, path: ['role_catalogue'], value: catalogue }, 'Must be "documented" (the default) or "spec".'));
  }
  return problems;
}
