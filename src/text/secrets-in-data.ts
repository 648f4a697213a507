/**
 * Data orgdeck writes back (a dump, a plan) is never redacted: "[redacted]" in a dump would be
 * synced back over the real value. A value that holds a token is refused instead, and the
 * refusal says where it is, so a person can remove it at its source.
 */
import { excerpt } from './excerpt.js';
import type { Secrets } from './redact.js';

/** Kinds of the lists in a dump, by their key. */
const KIND_OF_LIST: Readonly<Record<string, string>> = { teams: 'team', users: 'user', system_accounts: 'system account' };

type Path = readonly (string | number)[];

/**
 * Where plain data (what JSON or the dump's YAML holds) has a string or key that `secrets`
 * would redact, in words ("team "Ops", field description"); undefined when nowhere.
 */
export function findSecretIn(data: unknown, secrets: Secrets): string | undefined {
  const path = findPath(data, secrets, []);
  return path && describePath(data, path, secrets);
}

/** Depth first; `path` is the way to `node`, extended in place (a dump has some 100,000 values). */
function findPath(node: unknown, secrets: Secrets, path: (string | number)[]): Path | undefined {
  if (typeof node === 'string') return secrets.holdsSecret(node) ? [...path] : undefined;
  if (node === null || typeof node !== 'object') return undefined;
  const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
  for (const [key, value] of entries) {
    if (typeof key === 'string' && secrets.holdsSecret(key)) return [...path, key, KEY_ITSELF];
    path.push(key);
    const found = findPath(value, secrets, path);
    path.pop();
    if (found) return found;
  }
  return undefined;
}

/** Marks a path whose last key, not its value, holds the secret. */
const KEY_ITSELF = -1;

/** The last item named on the way (a plan's change, a dump's team or user), then the field within it. */
function describePath(data: unknown, path: Path, secrets: Secrets): string {
  let node: unknown = data;
  let owner = '';
  let field: string[] = [];
  let inKey = false;
  path.forEach((step, i) => {
    if (step === KEY_ITSELF) {
      inKey = true;
      field.pop();
      return;
    }
    node = (node as Record<string | number, unknown>)[step];
    const label = typeof step === 'number' ? labelOf(node, path[i - 1], step, secrets) : undefined;
    if (label) {
      owner = label;
      field = [];
    } else {
      field.push(typeof step === 'number' ? `[${step}]` : step);
    }
  });
  const named = field.join('.').replace(/\.\[/g, '[');
  const where = inKey ? (named ? `a key of ${named}` : 'a key') : `field ${named}`;
  return owner ? `${owner}, ${where}` : where;
}

function labelOf(item: unknown, listKey: string | number | undefined, index: number, secrets: Secrets): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const o = item as Record<string, unknown>;
  if (typeof o.op === 'string' && typeof o.kind === 'string' && typeof o.key === 'string') {
    return secrets.holdsSecret(o.key) ? `change ${index + 1} (${o.op} ${o.kind})` : `change ${excerpt(`${o.op} ${o.kind} ${o.key}`)}`;
  }
  const kind = typeof listKey === 'string' ? KIND_OF_LIST[listKey] : undefined;
  if (!kind) return undefined;
  const name = typeof o.email === 'string' ? o.email : typeof o.name === 'string' ? o.name : undefined;
  return name === undefined || secrets.holdsSecret(name) ? `${kind} number ${index + 1}` : `${kind} ${excerpt(name)}`;
}
