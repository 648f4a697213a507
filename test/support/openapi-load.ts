/**
 * Loads Kong's OpenAPI specs vendored in test/fixtures/konnect-openapi (see SOURCE.md there) and
 * turns them into ajv schemas. Missing specs are a loud error: contract tests never skip.
 *
 * Preprocessing, applied to every schema:
 *  - OpenAPI 3.0 `nullable: true` becomes a JSON Schema type union (or an anyOf with null);
 *  - the `role_name` and `entity_type_name` enums of role assignments are dropped: the live role
 *    catalogue is larger than the enums (konnect-api-notes §3; the SDK marks both
 *    `x-speakeasy-unknown-values: allow`), so orgdeck validates roles against GET /v3/roles;
 *  - `entity_id` of role assignments accepts `*` besides a UUID (Terraform, kongctl and the
 *    Konnect docs all send `*` for "every entity"; see konnect-api-notes §3).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SPEC_DIR = resolve(REPO, 'test/fixtures/konnect-openapi');

export type HostKind = 'global' | 'regional';

export interface SpecSource {
  name: string;
  file: string;
  /** Path prefix of the spec's server URL, which its `paths` leave out. */
  basePath: string;
  /** undefined = decide per operation from `servers` (the SDK spec). */
  host?: HostKind;
}

const DKC = 'developer.konghq.com/api-specs/konnect';
// Most specific first; the big SDK spec is only parsed when the others lack an operation.
export const SOURCES: readonly SpecSource[] = [
  { name: 'identity', file: `${DKC}/identity/v3/openapi.yaml`, basePath: '/v3', host: 'global' },
  { name: 'control-planes', file: `${DKC}/control-planes/v2/openapi.yaml`, basePath: '/v2', host: 'regional' },
  { name: 'api-products', file: `${DKC}/api-products/v2/openapi.yaml`, basePath: '/v2', host: 'regional' },
  { name: 'sdk', file: 'sdk-konnect-go/openapi.yaml', basePath: '' },
];

for (const source of SOURCES) {
  const file = join(SPEC_DIR, source.file);
  if (!existsSync(file)) {
    throw new Error(
      `Konnect OpenAPI spec not found: ${file}\n` +
        'The vendored specs belong to the repository: restore test/fixtures/konnect-openapi from git.',
    );
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The preprocessing described at the top, applied recursively to a parsed spec. */
export function preprocessSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map((item) => preprocessSchema(item));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = preprocessSchema(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.type === undefined) return { anyOf: [out, { type: 'null' }] };
  } else if (out.nullable === false) {
    delete out.nullable;
  }
  if (isObject(out.properties)) out.properties = relaxRoleAssignment(out.properties);
  return out;
}

function relaxRoleAssignment(properties: Json): Json {
  const out = { ...properties };
  if (isObject(out.entity_id) && out.entity_id.format === 'uuid') {
    const { format: _format, ...rest } = out.entity_id;
    out.entity_id = { ...rest, anyOf: [{ format: 'uuid' }, { const: '*' }] };
  }
  for (const key of ['role_name', 'entity_type_name']) {
    if (isObject(out[key]) && Array.isArray(out[key].enum) && isObject(out.entity_id)) {
      const { enum: _enum, ...rest } = out[key];
      out[key] = rest;
    }
  }
  return out;
}

export interface LoadedSpec {
  source: SpecSource;
  doc: Json;
  id: string;
}

const loaded = new Map<string, LoadedSpec>();

/**
 * Kong's patterns are written for Go, some with escapes JavaScript's unicode mode rejects
 * (`\_` in the control-plane Labels); others need it (`\p{L}`). Try unicode, then plain.
 */
function regExp(pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return new RegExp(pattern, flags.replace('u', ''));
  }
}
const code = { regExp: Object.assign(regExp, { code: 'regExp' }) };

export const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, code });
addFormatsModule.default(ajv);
// Formats Kong uses that JSON Schema does not define: accept any string.
for (const format of ['path', 'set', 'int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) {
  ajv.addFormat(format, true);
}
/** Query strings carry text: coerce `true` / `10` before checking parameter schemas. */
export const queryAjv = new Ajv({ strict: false, allErrors: true, validateSchema: false, coerceTypes: true, code });
addFormatsModule.default(queryAjv);
for (const format of ['path', 'set', 'int32', 'int64']) queryAjv.addFormat(format, true);

export function loadSpec(source: SpecSource): LoadedSpec {
  let spec = loaded.get(source.name);
  if (!spec) {
    const raw = YAML.parse(readFileSync(join(SPEC_DIR, source.file), 'utf8')) as Json;
    const doc = preprocessSchema(raw) as Json;
    const id = `konnect-spec:${source.name}`;
    ajv.addSchema(doc, id);
    queryAjv.addSchema(doc, id);
    spec = { source, doc, id };
    loaded.set(source.name, spec);
  }
  return spec;
}

/** JSON pointer of a spec node, as an ajv `$ref` fragment. */
export function pointer(segments: readonly string[]): string {
  return `#/${segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
}

/** Follows `$ref`s between non-schema objects (responses, parameters, requestBodies). */
export function follow(spec: LoadedSpec, node: unknown, at: string[]): { node: Json; at: string[] } {
  let current = node;
  let path = at;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 10) throw new Error(`$ref loop at ${path.join('/')}`);
    path = current.$ref.replace(/^#\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    current = path.reduce<unknown>((n, k) => (isObject(n) ? n[k] : undefined), spec.doc);
  }
  if (!isObject(current)) throw new Error(`dangling reference at ${path.join('/')} in ${spec.source.name}`);
  return { node: current, at: path };
}

const validators = new Map<string, ValidateFunction>();

export function validatorAt(spec: LoadedSpec, at: string[], forQuery = false): ValidateFunction {
  const ref = `${spec.id}${pointer(at)}`;
  const key = `${forQuery ? 'q' : 'b'}:${ref}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = (forQuery ? queryAjv : ajv).compile({ $ref: ref });
    validators.set(key, validate);
  }
  return validate;
}

export function formatErrors(validate: ValidateFunction, what: string): string[] {
  return (validate.errors ?? []).map((e) => `${what}${e.instancePath || ''} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}
