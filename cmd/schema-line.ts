/**
 * The first line of a dump, `# yaml-language-server: $schema=…`: the path from the written
 * file to the schema shipped with this orgdeck (a clone's `schemas/`, or the installed
 * package's), so editors find it in a clone, next to one, and with orgdeck in node_modules.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** schemas/orgdeck.schema.json of the running orgdeck: the nearest one above this module (src or dist). */
export function shippedSchemaPath(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', 'orgdeck.schema.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('internal: schemas/orgdeck.schema.json is missing from this orgdeck installation');
  }
}

/** For a file written at `outputFile` (or printed, read from `cwd`). */
export function schemaLine(outputFile: string | undefined, cwd: string, schema = shippedSchemaPath()): string {
  const from = outputFile ? dirname(resolve(cwd, outputFile)) : cwd;
  const rel = relative(from, schema);
  // Another drive (Windows): no relative path exists, so the file URL it is.
  const ref = isAbsolute(rel) ? pathToFileURL(schema).href : (rel.startsWith('..') ? rel : `./${rel}`).split(sep).join('/');
  return `# yaml-language-server: $schema=${ref}\n`;
}
