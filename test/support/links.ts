/**
 * Relative links in markdown, checked the way GitHub renders them: the file must exist and an
 * anchor must name a heading of that file.
 */
import { posix } from 'node:path';

/** What a link may point at: undefined when nothing is there; the text of a markdown file. */
export type FileAt = (path: string) => { text?: string } | undefined;

/** Fenced blocks hold examples, not links or headings (a YAML comment is no heading). */
const FENCED = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm;

/** Inline code holds examples too: `page[size](x)` is no link. */
function withoutCode(markdown: string): string {
  return markdown.replace(FENCED, '').replace(/`+[^`\n]*`+/g, '');
}

/** GitHub's anchor for a heading's text: lower case, punctuation dropped but - and _, spaces to -. */
export function slugOf(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** The anchors of a page's headings, repeated ones numbered -1, -2… as GitHub numbers them. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const lines = markdown.replace(FENCED, '').split('\n');
  for (const line of lines) {
    const m = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (!m) continue;
    const slug = slugOf(m[1]!);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Every link target of a page: inline links, images and reference definitions. */
export function linksOf(markdown: string): string[] {
  const text = withoutCode(markdown);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const defined = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!);
  return [...inline, ...defined];
}

/**
 * The relative links of the page at `page` (a path from the repository root) that lead nowhere,
 * each with the reason. Links with a scheme (https:, mailto:) are not checked.
 */
export function brokenLinks(page: string, markdown: string, fileAt: FileAt): string[] {
  const broken: string[] = [];
  for (const link of linksOf(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) continue;
    const [file = '', anchor] = link.split('#', 2) as [string, string | undefined];
    const target = file === '' ? page : posix.normalize(posix.join(posix.dirname(page), decodeURIComponent(file)));
    if (target.startsWith('../') || posix.isAbsolute(target)) {
      broken.push(`${page}: ${link} leads out of the repository`);
      continue;
    }
    const found = target === page ? { text: markdown } : fileAt(target.replace(/\/$/, ''));
    if (!found) {
      broken.push(`${page}: ${link} names ${target}, which does not exist`);
      continue;
    }
    if (anchor === undefined || !target.endsWith('.md')) continue;
    if (!anchorsOf(found.text ?? '').has(decodeURIComponent(anchor).toLowerCase())) {
      broken.push(`${page}: ${link} names no heading of ${target}`);
    }
  }
  return broken;
}
