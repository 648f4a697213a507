/**
 * Plain data (objects, arrays, strings, numbers, booleans, null) → block YAML, as dump writes
 * it: two-space indentation, "- " items, a string plain when it reads back as the same string
 * and double-quoted (JSON's escapes, which YAML shares) when not. Several times faster than the
 * yaml library's stringify for a large organization, and what it writes loads back through the
 * fast path of simple-yaml.ts.
 */

import { isNumberLike } from './simple-yaml.js';

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const RESERVED = /^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

export function emitYaml(value: unknown): string {
  const out: string[] = [];
  if (isObject(value) && Object.keys(value).length > 0) mapping(value, '', out);
  else out.push(inline(value));
  return `${out.join('\n')}\n`;
}

function mapping(obj: Record<string, unknown>, indent: string, out: string[]): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = `${indent}${PLAIN_KEY.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k)}:`;
    if (isBlock(v)) {
      out.push(key);
      block(v, `${indent}  `, out);
    } else {
      out.push(`${key} ${inline(v)}`);
    }
  }
}

function sequence(items: readonly unknown[], indent: string, out: string[]): void {
  for (const item of items) {
    if (!isBlock(item)) {
      out.push(`${indent}- ${inline(item)}`);
      continue;
    }
    const inner: string[] = [];
    block(item, `${indent}  `, inner);
    // A mapping starts on the dash's line; a nested list starts below a bare dash.
    if (Array.isArray(item)) out.push(`${indent}-`, ...inner);
    else out.push(`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1));
  }
}

function block(v: Record<string, unknown> | unknown[], indent: string, out: string[]): void {
  if (Array.isArray(v)) sequence(v, indent, out);
  else mapping(v, indent, out);
}

/** Non-empty lists and mappings are written as blocks; everything else on one line. */
function isBlock(v: unknown): v is Record<string, unknown> | unknown[] {
  return Array.isArray(v) ? v.length > 0 : isObject(v) && Object.keys(v).length > 0;
}

function inline(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return '[]';
  if (isObject(v)) return '{}';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (typeof v === 'boolean') return String(v);
  return scalar(String(v));
}

/** Plain only when the core schema reads it back as this very string. */
function scalar(s: string): string {
  const plain =
    s !== '' &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/\s$/.test(s) &&
    !/: |\s#|:$/.test(s) &&
    !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff"\\]/.test(s) &&
    !RESERVED.test(s) &&
    !isNumberLike(s);
  return plain ? s : JSON.stringify(s);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
