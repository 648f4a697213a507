/**
 * Markdown that fits a pull-request comment: every section is a list of items; a long list
 * folds into <details>, and when the whole would pass MARKDOWN_LIMIT characters each section
 * keeps what fits of its share and counts the rest ("…and N more; the full plan is in plan.json").
 */

/** GitHub refuses comments over 65,536 characters; this leaves room for a workflow's own words. */
export const MARKDOWN_LIMIT = 60_000;
/** Lists longer than this fold into <details>. */
export const FOLD_AFTER = 10;

export interface Section {
  title: string;
  /** Words after the title in the summary line of a folded section, e.g. "(12 people)". */
  count: string;
  items: string[];
}

/** `head` and `tail` are always shown whole; sections share what is left of the limit, in order. */
export function fitSections(head: string[], sections: readonly Section[], tail: string[] = [], limit = MARKDOWN_LIMIT): string {
  const fixed = [...head, ...tail].join('\n').length + 2;
  // Room each section needs besides its items: title, <details> lines, the "…and N more" line.
  const frame = (s: Section) => s.title.length + s.count.length + 160;
  const shares = shareOut(limit - fixed - sections.reduce((n, s) => n + frame(s), 0), sections.map((s) => s.items.reduce((n, item) => n + item.length + 1, 0)));
  const body: string[] = [];
  sections.forEach((s, i) => {
    const share = shares[i]!;
    const kept: string[] = [];
    let used = 0;
    for (const item of s.items) {
      if (used + item.length + 1 > share) break;
      kept.push(item);
      used += item.length + 1;
    }
    const more = s.items.length - kept.length;
    const lines = more > 0 ? [...kept, `- …and ${more} more; the full plan is in plan.json`] : kept;
    if (s.items.length > FOLD_AFTER) body.push(`<details><summary>${s.title} ${s.count}</summary>`, '', ...lines, '', '</details>', '');
    else body.push(`**${s.title}** ${s.count}`, '', ...lines, '');
  });
  return [...head, ...body, ...tail].join('\n');
}

/** Split `budget` so a section that needs less than an equal share keeps all it needs and the rest go to the others. */
function shareOut(budget: number, needs: readonly number[]): number[] {
  const shares = needs.map(() => 0);
  let left = Math.max(0, budget);
  const smallestFirst = needs.map((need, i) => ({ need, i })).sort((a, b) => a.need - b.need);
  smallestFirst.forEach(({ need, i }, k) => {
    shares[i] = Math.min(need, Math.floor(left / (needs.length - k)));
    left -= shares[i]!;
  });
  return shares;
}

/** A phrase list that may be long: the first `max`, then how many more. */
export function firstOf(items: readonly string[], max: number): string[] {
  return items.length <= max ? [...items] : [...items.slice(0, max), `and ${items.length - max} more`];
}
