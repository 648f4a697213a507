/**
 * The response schemas orgdeck checks Konnect's answers with are hand-written (the product does
 * not read the vendored specs at run time). This test compares each checked property with the
 * spec's, after the deliberate differences listed below; checks that every endpoint orgdeck
 * reads answers with the component claimed for it; and that the specs' own examples pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { RESPONSE_SCHEMAS, type ResponseSchemaName } from '../../src/konnect/response-schemas.js';
import { SHAPES, type Shape } from '../../src/konnect/shape.js';
import { preprocessSchema, SPEC_DIR } from '../support/openapi-load.js';

// biome-ignore lint/suspicious/noExplicitAny: walking a parsed YAML spec
type Json = Record<string, any>;
const DKC = 'developer.konghq.com/api-specs/konnect';
const load = (file: string) => YAML.parse(readFileSync(join(SPEC_DIR, DKC, file), 'utf8')) as Json;
const SPECS = { identity: load('identity/v3/openapi.yaml'), cp: load('control-planes/v2/openapi.yaml'), ap: load('api-products/v2/openapi.yaml') };
type SpecName = keyof typeof SPECS;

function deref(spec: Json, node: Json): Json {
  let n = node;
  while (typeof n.$ref === 'string') n = n.$ref.replace(/^#\//, '').split('/').reduce((x: Json, k: string) => x[k], spec);
  return n;
}

/** The spec's schema as one object: $refs followed, allOf merged. */
function flatten(spec: Json, node: Json): Json {
  const n = deref(spec, node);
  if (!Array.isArray(n.allOf)) return n;
  const parts = n.allOf.map((p: Json) => flatten(spec, p));
  return {
    type: 'object',
    properties: Object.assign({}, ...parts.map((p: Json) => p.properties ?? {})),
    required: parts.flatMap((p: Json) => p.required ?? []),
  };
}

const DOC_KEYS = new Set(['description', 'example', 'examples', 'readOnly', 'writeOnly', 'title', 'deprecated', 'default']);
/** Konnect's own input rules, deliberately not checked again (see response-schemas.ts). */
const INPUT_RULES = new Set(['pattern', 'minLength']);

function normalize(spec: Json, node: Json): Json {
  const n = preprocessSchema(deref(spec, node)) as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(n)) {
    if (DOC_KEYS.has(k) || INPUT_RULES.has(k) || k.startsWith('x-')) continue;
    if (k === 'format' && v === 'email') continue;
    out[k] = k === 'additionalProperties' && typeof v === 'object' ? normalize(spec, v) : v;
  }
  return out;
}

const COMPONENTS: Record<ResponseSchemaName, [SpecName, string[]]> = {
  User: ['identity', ['schemas', 'User']],
  TeamResponse: ['identity', ['schemas', 'TeamResponse']],
  Team: ['identity', ['schemas', 'Team']],
  AssignedRole: ['identity', ['schemas', 'AssignedRole']],
  SystemAccount: ['identity', ['schemas', 'SystemAccount']],
  SystemAccountAccessToken: ['identity', ['schemas', 'SystemAccountAccessToken']],
  ControlPlane: ['cp', ['schemas', 'ControlPlane']],
  APIProduct: ['ap', ['schemas', 'APIProduct']],
  PageMeta: ['identity', ['schemas', 'PageMeta']],
  AuthenticationSettings: ['identity', ['responses', 'AuthenticationSettings', 'content', 'application/json', 'schema']],
  MeOrganization: ['identity', ['responses', 'MeOrganization', 'content', 'application/json', 'schema']],
  IdentityProvider: ['identity', ['schemas', 'IdentityProvider']],
  IdpTeamGroupMapping: ['identity', ['schemas', 'IdpTeamGroupMapping']],
  CursorMetaPage: ['identity', ['schemas', 'CursorMetaPage']],
};

/** The deliberate differences, each with its reason (also noted in response-schemas.ts). */
const DEVIATIONS: Partial<Record<ResponseSchemaName, { required?: string[]; properties?: Json }>> = {
  // orgdeck cannot match a user without an id and an email; the spec marks nothing required.
  User: { required: ['id', 'email'] },
  // A user's teams are read for their ids (explain); the spec marks nothing required.
  Team: { required: ['id'] },
  // A role assignment is meaningless without all five; the spec marks nothing required.
  // Terraform, kongctl and the Konnect UI grant on every entity of a type with entity_id "*".
  AssignedRole: {
    required: ['id', 'role_name', 'entity_id', 'entity_type_name', 'entity_region'],
    properties: { entity_id: { type: 'string', anyOf: [{ format: 'uuid' }, { const: '*' }] } },
  },
  // An account is matched by name and changed by id; the spec marks nothing required.
  SystemAccount: { required: ['id', 'name'] },
  // A token listed without an id is no token; the spec marks nothing required.
  // A token never used may come with last_used_at null rather than without it: either reads as never used.
  SystemAccountAccessToken: { required: ['id'], properties: { last_used_at: { type: ['string', 'null'], format: 'date-time' } } },
  // Without them there is nothing to grant on; the spec marks nothing required.
  ControlPlane: { required: ['id', 'name'] },
  APIProduct: { required: ['id', 'name'] },
  // Counts are whole numbers (Control Planes v2 says integer; Identity says number).
  PageMeta: { properties: { number: { type: 'integer' }, size: { type: 'integer' }, total: { type: 'integer', minimum: 0 } } },
  // A saved plan names the organization it is for by id; the spec marks nothing required.
  MeOrganization: { required: ['id'] },
  // Mappings are per provider, and a provider is named by its id; the spec marks nothing required.
  IdentityProvider: { required: ['id'] },
  // `format: path` is not a JSON Schema format (ajv strict would refuse it); only `next` is read.
  CursorMetaPage: { properties: { next: { type: ['string', 'null'] } } },
};

describe('hand-written response schemas match the specs', () => {
  for (const [name, [specName, at]] of Object.entries(COMPONENTS) as [ResponseSchemaName, [SpecName, string[]]][]) {
    it(`${name}: each checked property as the ${specName} spec types it, required as the spec (or as listed)`, () => {
      const spec = SPECS[specName];
      const theirs = flatten(spec, at.reduce((x: Json, k) => x[k], spec.components));
      const ours = RESPONSE_SCHEMAS[name] as Json;
      const deviation = DEVIATIONS[name] ?? {};
      for (const [prop, schema] of Object.entries(ours.properties as Json)) {
        expect(theirs.properties[prop], `${name}.${prop} is not in the spec`).toBeDefined();
        const expected = deviation.properties?.[prop] ?? normalize(spec, theirs.properties[prop]);
        expect(JSON.parse(JSON.stringify(schema)), `${name}.${prop}`).toEqual(expected);
      }
      const specRequired = ((theirs.required ?? []) as string[]).filter((p) => p in ours.properties);
      expect([...(ours.required ?? [])].sort()).toEqual([...new Set([...specRequired, ...(deviation.required ?? [])])].sort());
    });
  }

  it('every schema is compared', () => expect(Object.keys(COMPONENTS).sort()).toEqual(Object.keys(RESPONSE_SCHEMAS).sort()));
});

/** What orgdeck reads, the spec's success answer for it, and the component its items (or it) must be. */
const READS: [SpecName, string, string, ResponseSchemaName, Shape<unknown>][] = [
  ['identity', '/users', '200', 'User', SHAPES.users],
  ['identity', '/users/me', '200', 'User', SHAPES.user],
  ['identity', '/teams', '200', 'TeamResponse', SHAPES.teams],
  ['identity', '/teams', '201', 'TeamResponse', SHAPES.team],
  ['identity', '/teams/{teamId}/users', '200', 'User', SHAPES.users],
  ['identity', '/users/{userId}/teams', '200', 'Team', SHAPES.teamIds],
  ['identity', '/users/{userId}/assigned-roles', '200', 'AssignedRole', SHAPES.roles],
  ['identity', '/teams/{teamId}/assigned-roles', '200', 'AssignedRole', SHAPES.roles],
  ['identity', '/system-accounts/{accountId}/access-tokens', '200', 'SystemAccountAccessToken', SHAPES.accessTokens],
  ['identity', '/authentication-settings', '200', 'AuthenticationSettings', SHAPES.authSettings],
  ['identity', '/organizations/me', '200', 'MeOrganization', SHAPES.organization],
  ['identity', '/identity-providers', '200', 'IdentityProvider', SHAPES.identityProviders],
  ['identity', '/identity-providers/{idpId}/team-group-mappings', '200', 'IdpTeamGroupMapping', SHAPES.idpMappings],
  ['cp', '/control-planes', '200', 'ControlPlane', SHAPES.controlPlanes],
  ['ap', '/api-products', '200', 'APIProduct', SHAPES.apiProducts],
];

describe('each endpoint orgdeck reads answers with the component its check is written from', () => {
  for (const [specName, path, status, component, shape] of READS) {
    const method = status === '201' ? 'post' : 'get';
    it(`${method.toUpperCase()} ${path} ${status}: ${component}, and the spec's examples pass the check`, () => {
      const spec = SPECS[specName];
      const response = deref(spec, spec.paths[path][method].responses[status]);
      const media = response.content['application/json'];
      const schema = deref(spec, media.schema);
      const item = schema.properties?.data ? schema.properties.data.items : schema.type === 'array' ? schema.items : media.schema;
      const ref = (item.$ref as string | undefined) ?? (component === 'AuthenticationSettings' || component === 'MeOrganization' ? `#/components/responses/${component}` : undefined);
      expect(ref?.split('/').pop()).toBe(component);
      const examples = Object.values((media.examples ?? {}) as Json).map((e) => deref(spec, e as Json).value);
      for (const example of examples) expect(shape.validate(example), JSON.stringify(shape.validate.errors)).toBe(true);
    });
  }
});
