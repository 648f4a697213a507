/**
 * Pull marked code blocks out of README.md and the pages of docs/ so tests keep the docs and
 * the product in step.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/** README.md and every page of docs/, as paths relative to the repository. */
export function docPages(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/**
 * The body of the first fenced block after `<!-- marker -->`, on whichever page holds the
 * marker (README.md or a page of docs/). A marker on two pages is an error: a test must know
 * which text it holds to the product.
 */
export function readmeBlock(marker: string): string {
  const holding = docPages()
    .map((page) => ({ page, text: readFileSync(join(ROOT, page), 'utf8') }))
    .filter(({ text }) => text.includes(`<!-- ${marker} -->`));
  if (holding.length === 0) throw new Error(`neither README.md nor docs/ has a <!-- ${marker} --> block`);
  if (holding.length > 1) throw new Error(`<!-- ${marker} --> is on ${holding.map((h) => h.page).join(' and ')}: keep it on one page`);
  const { page, text } = holding[0]!;
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(text.slice(text.indexOf(`<!-- ${marker} -->`)));
  if (!m) throw new Error(`no code block after <!-- ${marker} --> in ${page}`);
  return m[1]!;
}
