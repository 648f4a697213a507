/**
 * A local org's seed: a state file plus, for seeding only, `control_planes` and `api_products`
 * (`[{name, region, id?}]`). The state part is checked exactly like any state file.
 */
import type { Problem } from '../errors.js';
import { REGIONS } from '../model.js';
import type { Env } from './env.js';
import { UUID } from '../text/uuid.js';
import { parseSource, withValue } from './parse.js';
import { StagedProblems, sortProblems } from './load.js';
import { checkRules } from './rules.js';
import { checkSchema } from './schema.js';
import type { Source } from './source.js';
import { child, type Entry, isObj, problemAt, str, mergeFiles } from './written.js';

const SEED_ONLY = ['control_planes', 'api_products', 'authentication_settings', 'identity_providers', 'predefined_teams', 'role_catalogue'] as const;

export function loadSeed(source: Source, env: Env): { seed?: Record<string, unknown>; problems: Problem[] } {
  const parsed = parseSource(source, env);
  if (!parsed.file) return { problems: parsed.problems };
  const full = parsed.file.value;
  // Staged and sorted as validate reports a state file: one problem per place, in line order.
  const staged = new StagedProblems();
  staged.add(parsed.problems);
  const stateOnly = isObj(full) ? Object.fromEntries(Object.entries(full).filter(([k]) => !(SEED_ONLY as readonly string[]).includes(k))) : full;
  const file = withValue(parsed.file, stateOnly);
  staged.add(checkSchema(file));
  staged.add(checkRules(mergeFiles([file]).written).problems);
  if (isObj(full)) {
    for (const key of ['control_planes', 'api_products']) staged.add(checkEntities({ file: parsed.file, path: [key], value: full[key] }));
    staged.add(checkAuthSettings({ file: parsed.file, path: ['authentication_settings'], value: full.authentication_settings }));
    staged.add(checkProviders({ file: parsed.file, path: ['identity_providers'], value: full.identity_providers }));
    staged.add(checkOrgShape(parsed.file, full));
  }
  const problems = sortProblems(staged.list);
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

/** A seed-only list of mappings: each item a mapping of known keys, checked by `check`. */
function checkList(list: Entry, shape: string, keys: readonly string[], check: (v: Record<string, unknown>, e: Entry) => Problem[]): Problem[] {
  if (list.value === undefined) return [];
  if (!Array.isArray(list.value)) return [problemAt(list, `Must be a list of ${shape}.`)];
  const out: Problem[] = [];
  for (const [i, v] of list.value.entries()) {
    const e = child(list, i);
    if (!isObj(v)) {
      out.push(problemAt(e, `Must be a mapping: ${shape}.`));
      continue;
    }
    for (const k of Object.keys(v)) if (!keys.includes(k)) out.push(problemAt(child(e, k), `Unknown property "${k}".`, true));
    out.push(...check(v, e));
  }
  return out;
}

function checkId(v: Record<string, unknown>, e: Entry): Problem[] {
  return v.id !== undefined && !UUID.test(String(v.id)) ? [problemAt(child(e, 'id'), 'id must be a UUID.')] : [];
}

function checkProviders(list: Entry): Problem[] {
  return checkList(list, '{type: oidc|saml, login_path?, enabled?, id?}', ['type', 'login_path', 'enabled', 'id'], (v, e) => [
    ...(v.type !== 'oidc' && v.type !== 'saml' ? [problemAt(child(e, 'type'), 'type must be oidc or saml.')] : []),
    ...(v.login_path !== undefined && !str(v.login_path) ? [problemAt(child(e, 'login_path'), 'login_path must be a text.')] : []),
    ...(v.enabled !== undefined && typeof v.enabled !== 'boolean' ? [problemAt(child(e, 'enabled'), 'enabled must be true or false.')] : []),
    ...checkId(v, e),
  ]);
}

function checkEntities(list: Entry): Problem[] {
  return checkList(list, '{name, region, id?}', ['name', 'region', 'id', 'description', 'labels'], (v, e) => [
    ...(!str(v.name) ? [problemAt(e, 'This entity is missing "name".')] : []),
    ...(!(REGIONS as readonly string[]).includes(String(v.region)) ? [problemAt(child(e, 'region'), `Region must be one of ${REGIONS.join(', ')}.`)] : []),
    ...checkId(v, e),
  ]);
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
