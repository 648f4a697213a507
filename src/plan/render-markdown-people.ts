/** "Access changes by person": what each person gains and loses, counting grants held through teams. */
import { accessText } from './access-changes.js';
import type { AccessChange } from './types.js';
import { firstOf, type Section } from './render-markdown-budget.js';
import { markdownCode, markdownText } from '../text/markdown.js';

/** One person's line lists at most this many gains and as many losses. */
const MAX_EACH = 12;

export function accessSection(changes: readonly AccessChange[]): Section | undefined {
  if (changes.length === 0) return undefined;
  return { title: 'Access changes by person', count: `(${changes.length} ${changes.length === 1 ? 'person' : 'people'})`, items: changes.map(personLine) };
}

function personLine(c: AccessChange): string {
  const created = c.principal.kind === 'system-account' ? ' (created)' : ' (invited)';
  const status = c.status === 'invited' ? created : c.status === 'removed' ? ' (removed from the organization)' : '';
  const parts: string[] = [];
  const shown = (a: Parameters<typeof accessText>[0]) => markdownText(accessText(a));
  if (c.gained.length) parts.push(`**gains** ${firstOf(c.gained.map(shown), MAX_EACH).join('; ')}`);
  if (c.lost.length) parts.push(`**loses** ${firstOf(c.lost.map(shown), MAX_EACH).join('; ')}`);
  const who = c.principal.kind === 'system-account' ? `system account ${markdownCode(c.principal.key)}` : markdownCode(c.principal.key);
  return `- ${who}${status}: ${parts.join('; ')}`;
}
