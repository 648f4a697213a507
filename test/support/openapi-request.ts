/** Request checks: path parameters, known query parameters (deepObject filters), JSON body. */
import { ajv, follow, formatErrors, pointer, queryAjv } from './openapi-load.js';
import { type FoundOperation, type Json, splitHostPath } from './openapi-ops.js';

export type QueryInput = URLSearchParams | Record<string, string> | string | undefined;

interface Param {
  name: string;
  in: string;
  schemaAt: string[];
  schema: Json;
}

function parametersOf(found: FoundOperation): Param[] {
  const item = (found.spec.doc.paths as Json)[found.template] as Json;
  const lists: [unknown, string[]][] = [
    [item.parameters, ['paths', found.template, 'parameters']],
    [found.op.parameters, [...found.at, 'parameters']],
  ];
  const out: Param[] = [];
  for (const [list, at] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      const { node, at: where } = follow(found.spec, raw, [...at, String(i)]);
      const schema = node.schema === undefined ? {} : follow(found.spec, node.schema, [...where, 'schema']).node;
      out.push({ name: String(node.name), in: String(node.in), schemaAt: [...where, 'schema'], schema });
    });
  }
  return out;
}

const wrappers = new Map<string, ReturnType<typeof queryAjv.compile>>();

/** Validates one text value (query or path) against a parameter schema, with coercion. */
function checkText(found: FoundOperation, at: string[], value: unknown, what: string): string[] {
  const ref = `${found.spec.id}${pointer(at)}`;
  let validate = wrappers.get(ref);
  if (!validate) {
    validate = queryAjv.compile({ type: 'object', properties: { v: { $ref: ref } } });
    wrappers.set(ref, validate);
  }
  return validate({ v: value }) ? [] : formatErrors(validate, what).map((e) => e.replace('/v', ''));
}

/** `filter[email][eq]=x` → `{ email: { eq: 'x' } }`; `filter[labels.env][eq]` nests under labels. */
function deepObject(name: string, search: URLSearchParams, schema: Json): { value: Json; bad: string[] } {
  const value: Json = {};
  const bad: string[] = [];
  const properties = (schema.properties ?? {}) as Json;
  for (const [key, text] of search) {
    if (!key.startsWith(`${name}[`)) continue;
    const m = /^[^[]+((?:\[[^\]]*\])+)$/.exec(key);
    if (!m) {
      bad.push(`malformed query parameter ${key}`);
      continue;
    }
    let segments = [...m[1]!.matchAll(/\[([^\]]*)\]/g)].map((s) => s[1]!);
    const dot = segments[0]!.indexOf('.');
    if (dot > 0 && properties[segments[0]!.slice(0, dot)] !== undefined) {
      segments = [segments[0]!.slice(0, dot), segments[0]!.slice(dot + 1), ...segments.slice(1)];
    }
    let node = value;
    for (const s of segments.slice(0, -1)) {
      if (typeof node[s] !== 'object' || node[s] === null) node[s] = {};
      node = node[s] as Json;
    }
    node[segments[segments.length - 1]!] = text;
  }
  return { value, bad };
}

export function checkRequest(found: FoundOperation, hostPath: string, query: QueryInput, body: unknown): string[] {
  const search = splitHostPath(hostPath).search;
  for (const [k, v] of new URLSearchParams(query ?? '')) search.append(k, v);
  const errors: string[] = [];
  const params = parametersOf(found);
  for (const p of params.filter((x) => x.in === 'path')) {
    errors.push(...checkText(found, p.schemaAt, found.params[p.name], `path parameter ${p.name}`));
  }
  const queryParams = params.filter((p) => p.in === 'query');
  for (const key of new Set(search.keys())) {
    const exact = queryParams.find((p) => p.name === key);
    const deep = queryParams.find((p) => key.startsWith(`${p.name}[`) && !queryParams.some((q) => q.name === key));
    if (exact) errors.push(...checkText(found, exact.schemaAt, search.get(key), `query parameter ${key}`));
    else if (!deep) errors.push(`unknown query parameter ${key}`);
  }
  for (const p of queryParams.filter((x) => [...search.keys()].some((k) => k.startsWith(`${x.name}[`)))) {
    const { value, bad } = deepObject(p.name, search, p.schema);
    errors.push(...bad, ...checkText(found, p.schemaAt, value, `query parameter ${p.name}`));
  }
  errors.push(...checkRequestBody(found, body));
  return errors;
}

function checkRequestBody(found: FoundOperation, body: unknown): string[] {
  if (found.op.requestBody === undefined) {
    return body === undefined || body === '' ? [] : ['the operation takes no request body'];
  }
  const { node, at } = follow(found.spec, found.op.requestBody, [...found.at, 'requestBody']);
  if (body === undefined) return node.required === true ? ['request body is required'] : [];
  const content = (node.content ?? {}) as Json;
  if (!content['application/json']) return [`request body is not JSON in the spec (${Object.keys(content).join(', ')})`];
  const validate = ajv.getSchema(`${found.spec.id}${pointer([...at, 'content', 'application/json', 'schema'])}`);
  if (!validate) return ['cannot compile the request body schema'];
  return validate(body) ? [] : formatErrors(validate, 'request body');
}
