/** JSON Schema validation of one file, with ajv's errors turned into located sentences. */
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../schemas/orgdeck.schema.json' with { type: 'json' };
import validateState from './state-validator.generated.js';
import type { Problem } from '../errors.js';
import { describeNonAscii } from '../text/confusables.js';
import { didYouMean, quoteList } from '../text/suggest.js';
import { excerpt, quoted } from '../text/excerpt.js';
import { ucs2length } from '../text/formats.js';
import { fromPointer, type PathSegment, toPointer } from './located.js';
import { type ParsedFile, positionOf } from './parse.js';

/**
 * ajv's standalone code of schemas/orgdeck.schema.json (test/generated.test.ts makes it): no
 * compiler is loaded or run to check a file. The schema is checked against JSON Schema's own by
 * test/file/schema-doc.test.ts.
 */
const validateStateFile = validateState as ValidateFunction;

export function checkSchema(file: ParsedFile): Problem[] {
  const foreign = notAStateFile(file);
  if (foreign) return [foreign];
  const errors = schemaErrors(validateStateFile, file.value);
  if (errors.length === 0) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  // A value of the wrong type fails its other keywords too; the type is the one worth saying.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const e of errors) {
    if (e.keyword === 'propertyNames' || (e.keyword !== 'type' && wrongType.has(e.instancePath))) continue;
    const p = toProblem(file, e);
    if (!p) continue;
    const id = `${p.pointer}\u0000${p.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(p);
  }
  return problems;
}

/** The top-level lists of a state file; the schema gives them only `type: array` and `items`. */
const LISTS = ['teams', 'users', 'system_accounts'] as const;
/** Items of one list validated at a time. */
const SLICE = 1000;

/**
 * ajv appends the errors of each list item (checked by a `$ref` function) with
 * `vErrors.concat(...)`, copying every earlier error: quadratic in the failing items (130,000 bad
 * emails took about a minute). The lists carry no keyword but `type` and `items`, so checking
 * them a slice at a time, the rest of the document as it is, finds the same errors; their
 * indices are shifted back.
 */
function schemaErrors(validate: ValidateFunction, doc: unknown): ErrorObject[] {
  const obj = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : undefined;
  const lists = obj ? LISTS.filter((k) => Array.isArray(obj[k])) : [];
  if (!obj || !lists.some((k) => (obj[k] as unknown[]).length > SLICE)) return validate(doc) ? [] : [...(validate.errors ?? [])];
  const emptied = Object.fromEntries(lists.map((k) => [k, []]));
  const out: ErrorObject[] = validate({ ...obj, ...emptied }) ? [] : [...(validate.errors ?? [])];
  for (const k of lists) {
    const items = obj[k] as unknown[];
    const item = new RegExp(`^/${k}/(\\d+)`);
    for (let at = 0; at < items.length; at += SLICE) {
      if (validate({ ...obj, ...emptied, [k]: items.slice(at, at + SLICE) })) continue;
      for (const e of validate.errors ?? []) {
        const m = item.exec(e.instancePath);
        // The rest of the document's errors were kept from the check without the lists.
        if (m) out.push({ ...e, instancePath: `/${k}/${at + Number(m[1])}${e.instancePath.slice(m[0].length)}` });
      }
    }
  }
  return out;
}

/**
 * A mapping with no _format_version and none of a state file's keys is some other file (a
 * kustomization.yaml, a CI config next to the state files): one problem naming it, not one per key.
 */
export function notAStateFile(file: ParsedFile): Problem | undefined {
  const v = file.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const known = Object.keys(schema.properties);
  if (Object.keys(v).some((k) => known.includes(k))) return undefined;
  return {
    file: file.name,
    line: 1,
    col: 1,
    pointer: '',
    message: `Not an orgdeck state file: it has no _format_version and none of ${quoteList(known.slice(1))}. Every .yaml, .yml and .json file of a state directory is read: move this one out, or start it with _format_version: "1.0" if it is a state file.`,
  };
}

function toProblem(file: ParsedFile, e: ErrorObject): Problem | undefined {
  let path: PathSegment[] = fromPointer(e.instancePath);
  let atKey = false;
  let message: string;
  const data = e.data;
  const propName = (e as ErrorObject & { propertyName?: string }).propertyName;
  if (propName !== undefined) {
    path = [...path, propName];
    atKey = true;
    message = labelKeyMessage(propName, e.keyword);
  } else {
    switch (e.keyword) {
      case 'required':
        message = `${describe(path)} is missing "${e.params.missingProperty}".`;
        break;
      case 'additionalProperties': {
        const prop = String(e.params.additionalProperty);
        path = [...path, prop];
        atKey = true;
        const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
        message = `Unknown property ${quoted(prop)}.${didYouMean(prop, allowed) || ` Allowed here: ${quoteList(allowed)}.`}`;
        break;
      }
      case 'type':
        message = Array.isArray(e.params.type)
          ? `Must be a team name or a mapping like { name: Payments, expires: 2027-01-31 }, not ${kindOf(data)}.`
          : path.length === 0
          ? `The file must be a mapping with _format_version, teams and users, not ${kindOf(data)}.`
          : `Must be ${article(String(e.params.type))}, not ${kindOf(data)}.${e.params.type === 'array' && typeof data === 'string' && path.length > 1 && /^[\w .@-]{1,60}$/.test(data) ? ` For one item, write [${data}].` : ''}`;
        break;
      case 'const':
        message = `Must be "1.0", the format version this orgdeck reads (found ${excerpt(data)}).`;
        break;
      case 'enum': {
        const choices = (e.params.allowedValues as unknown[]).map(String);
        message = `${excerpt(data)} is not one of ${quoteList(choices)}.${didYouMean(String(data), choices)}`;
        break;
      }
      case 'format': {
        if (e.params.format === 'date-time') {
          message = `${excerpt(data)} is not a date and time (ISO 8601, like 2026-11-02T09:30:00Z).`;
          break;
        }
        const odd = typeof data === 'string' ? describeNonAscii(data) : undefined;
        message = odd ? `The email address ${excerpt(data)} ${odd}` : `${excerpt(data)} is not a valid email address.`;
        break;
      }
      case 'minLength':
        message = e.params.limit === 1 ? 'Must not be empty.' : `Must be at least ${e.params.limit} characters long.`;
        break;
      case 'maxLength':
        message = `Is ${ucs2length(String(data))} characters long; Konnect allows at most ${e.params.limit}.`;
        break;
      case 'maxProperties':
        message = `Has ${Object.keys(data as object).length} labels; Konnect allows at most ${e.params.limit}.`;
        break;
      case 'pattern':
        message = `Label value ${excerpt(data)} is not allowed: use 1-63 letters, digits, "-", "." or "_", starting and ending with a letter or digit.`;
        break;
      case 'uniqueItems': {
        const list = data as unknown[];
        message = `Lists ${excerpt(list[Number(e.params.j)])} twice; keep one.`;
        break;
      }
      default:
        message = `Is not valid here (${e.keyword}).`;
    }
  }
  const at = positionOf(file, path, atKey);
  return { file: file.name, line: at.line, col: at.col, pointer: toPointer(path), message };
}

function labelKeyMessage(key: string, keyword: string): string {
  if (keyword === 'pattern') return `Label key "${key}" starts with a prefix Konnect reserves (kong, konnect, mesh, kic or _).`;
  if (keyword === 'maxLength') return `Label key "${key}" is longer than 63 characters.`;
  return 'Label keys must not be empty.';
}

/** What the object at `path` is, for "This user is missing …". */
function describe(path: readonly PathSegment[]): string {
  const parent = path.at(-2);
  if (parent === 'roles') return 'This grant';
  if (parent === 'users') return 'This user';
  // A principal's teams item ({ name, expires }) sits three deep: users/0/teams/1.
  if (parent === 'teams') return path.length > 2 ? 'This membership' : 'This team';
  if (parent === 'system_accounts') return 'This system account';
  return path.length === 0 ? 'The file' : `"${String(path.at(-1))}"`;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${article(typeof v)} (${excerpt(v)})`;
}

function article(type: string): string {
  const name = type === 'object' ? 'mapping' : type === 'array' ? 'list' : type;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}
