/**
 * The local org's request schemas are hand-written (the product does not read the
 * vendored specs at run time). This test compares each with the Identity v3 spec's requestBody, after applying the
 * deliberate differences listed below, so a transcription slip or a spec change shows up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { REQUEST_SCHEMAS, type RequestSchemaName } from '../../src/local-org/http/request-schemas.js';
import { SPEC_DIR } from '../support/openapi-load.js';

// biome-ignore lint/suspicious/noExplicitAny: walking a parsed YAML spec
type Json = Record<string, any>;
const spec = YAML.parse(readFileSync(join(SPEC_DIR, 'developer.konghq.com/api-specs/konnect/identity/v3/openapi.yaml'), 'utf8')) as Json;

const DOC_KEYS = new Set(['description', 'example', 'examples', 'writeOnly', 'readOnly', 'title', 'deprecated']);

/** Inline $refs, drop documentation-only keys and x- extensions, turn nullable into type unions. */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (typeof node !== 'object' || node === null) return node;
  let obj = node as Json;
  if (typeof obj.$ref === 'string') {
    obj = obj.$ref.replace(/^#\//, '').split('/').reduce((n: Json, k: string) => n[k], spec);
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (DOC_KEYS.has(k) || k.startsWith('x-')) continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, normalize(s)])) : normalize(v);
  }
  if (out.nullable === true) {
    delete out.nullable;
    out.type = [out.type, 'null'];
  }
  return out;
}

/** The deliberate differences, each with its reason (also noted in request-schemas.ts). */
const DEVIATIONS: Partial<Record<RequestSchemaName, (s: Json) => void>> = {
  // email and active cannot be changed; Konnect answers 400 for them rather than ignoring them.
  UpdateUser: (s) => {
    s.additionalProperties = false;
  },
  AssignRole: (s) => {
    // Terraform, kongctl and the docs send "*" for every entity of a type.
    s.properties.entity_id = { type: 'string', anyOf: [{ format: 'uuid' }, { const: '*' }] };
    // The live catalogue is larger than these enums (SDK: x-speakeasy-unknown-values: allow);
    // the role catalogue check replaces them.
    delete s.properties.role_name.enum;
    delete s.properties.entity_type_name.enum;
    // The schema marks nothing required, but an assignment without all four is meaningless.
    s.required = ['role_name', 'entity_id', 'entity_type_name', 'entity_region'];
  },
  AddSystemAccountToTeam: (s) => {
    s.required = ['id'];
  },
  // The local org stores a provider's config as given: the oneOf of OIDC and SAML configs is not transcribed.
  // A provider is OIDC or SAML: creating one without a type means nothing.
  CreateIdentityProviderRequest: (s) => {
    s.properties.config = { type: 'object' };
    s.required = ['type'];
  },
  UpdateIdentityProviderRequest: (s) => {
    s.properties.config = { type: 'object' };
  },
};

const SPEC_BODIES = Object.keys(REQUEST_SCHEMAS).filter((n) => n !== 'AcceptInvite') as RequestSchemaName[];

describe('hand-written request schemas match the Identity v3 spec', () => {
  it.each(SPEC_BODIES)('%s', (name) => {
    const body = spec.components.requestBodies[name];
    expect(body, `requestBodies.${name} is missing from the spec`).toBeDefined();
    const expected = normalize(body.content['application/json'].schema) as Json;
    DEVIATIONS[name]?.(expected);
    expect(JSON.parse(JSON.stringify(REQUEST_SCHEMAS[name]))).toEqual(expected);
  });

  it('every route body schema is one of them', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...SPEC_BODIES, 'AcceptInvite'].sort());
  });
});
