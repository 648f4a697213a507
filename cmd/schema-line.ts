/**
 * The first line of a dump, `# yaml-language-server: $schema=…`: the path from the written
 * file to the schema shipped with this orgdeck, when both lie in the same project (a git
 * checkout, or a package folder): this repository's checkout, or a repository with orgdeck as a
 * dev dependency (`./node_modules/orgdeck/schemas/…`). Anywhere else (a global install, the
 * single executable) a path would name a folder of the machine that wrote the file, so the line
 * says where the schema comes from instead, and editors fall back to plain YAML.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { VERSION } from '../src/version.js';

/**
 * schemas/orgdeck.schema.json of the running orgdeck's package (the folder above this module with
 * package.json; tsc's copy under dist/schemas is not the one published), if there is one.
 */
export function shippedSchemaPath(from = import.meta.dirname): string | undefined {
  // The single executable has no folder of its own: esbuild leaves import.meta empty.
  if (!from) return undefined;
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const schema = join(dir, 'schemas', 'orgdeck.schema.json');
      return existsSync(schema) ? schema : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The folder a file is shared from: the nearest one above it with `.git`, else the nearest with
 * a package.json. A path that stays inside it holds on every machine with the same checkout.
 */
export function findProjectRoot(dir: string, exists: (path: string) => boolean = existsSync): string | undefined {
  const above = (marker: string): string | undefined => {
    for (let d = dir; ; d = dirname(d)) {
      if (exists(join(d, marker))) return d;
      if (dirname(d) === d) return undefined;
    }
  };
  return above('.git') ?? above('package.json');
}

/** For a file written at `outputFile` (or printed, read from `cwd`). */
export function schemaLine(outputFile: string | undefined, cwd: string, schema = shippedSchemaPath(), exists: (path: string) => boolean = existsSync): string {
  const from = outputFile ? dirname(resolve(cwd, outputFile)) : cwd;
  const root = findProjectRoot(from, exists);
  const inside = schema !== undefined && root !== undefined && isWithin(root, schema);
  if (!inside) return `# Schema: schemas/orgdeck.schema.json of orgdeck ${VERSION} (docs/install.md says how editors can use it)\n`;
  const rel = relative(from, schema).split(sep).join('/');
  return `# yaml-language-server: $schema=${rel.startsWith('..') ? rel : `./${rel}`}\n`;
}

function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
