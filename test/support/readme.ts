/** Pull marked code blocks out of README.md so tests keep the docs and the product in step. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/** The body of the first fenced block after `<!-- marker -->`. */
export function readmeBlock(marker: string): string {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = text.indexOf(`<!-- ${marker} -->`);
  if (at < 0) throw new Error(`README.md has no <!-- ${marker} --> block`);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(text.slice(at));
  if (!m) throw new Error(`no code block after <!-- ${marker} -->`);
  return m[1]!;
}
