/** The plan's refusals in words, for the text and markdown renderings. */
import { markdownText } from '../text/markdown.js';
import type { Plan, Refusal } from './types.js';

export const REFUSED_HEADING = 'Sync would refuse this plan (exit 3) and change nothing:';

/** Text: after the summary, where a terminal or CI log ends. Empty when sync would apply the plan. */
export function refusalLines(plan: Plan): string[] {
  if (plan.refusals.length === 0) return [];
  return [REFUSED_HEADING, ...plan.refusals.map((r) => `  - ${r.message}`)];
}

/** Markdown: a quoted block at the top of the comment, one bullet per refusal (at most `max`, each clipped to `maxEach`). */
export function refusalMarkdown(plan: Plan, maxEach = 1_000, max = 10): string[] {
  if (plan.refusals.length === 0) return [];
  const bullet = (r: Refusal) => `> - ${markdownText(clip(r.message, maxEach))} _(${r.guard}; ${r.overridable ? '--force overrides' : 'no flag overrides'})_`;
  const more = plan.refusals.length - max;
  const rest = more > 0 ? [`> - …and ${more} more; the full plan is in plan.json`] : [];
  return ['> [!CAUTION]', `> **${REFUSED_HEADING}**`, '>', ...plan.refusals.slice(0, max).map(bullet), ...rest, ''];
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}
