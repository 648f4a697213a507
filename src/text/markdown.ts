/**
 * Names from the org in a pull-request comment, which GitHub renders: raw HTML in a name
 * (`<img src=…>`, `</details>`) would render as HTML, and `*`, `_`, `[`, `|`, a backtick or a
 * line break could forge emphasis, links, table cells or whole list items of the plan.
 */
import { escapeControls } from './terminal.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * `text` for running markdown text: HTML as entities, controls (line breaks too) as visible
 * escapes, and backslash-escaped the characters that open code, links and table cells. The
 * emphasis characters stay (`*` is Konnect's "all" entity, `_` is in names and fields such as
 * full_name): at worst they style part of their own line, and add no structure.
 */
export function markdownText(text: string): string {
  return escapeControls(text)
    .replace(/[\\`[\]|]/g, '\\$&')
    .replace(/[&<>]/g, (c) => ENTITIES[c]!);
}

/**
 * `text` as inline code, where markdown and HTML are shown as written: fenced by more backticks
 * than the longest run inside it, controls (line breaks too) as visible escapes.
 */
export function markdownCode(text: string): string {
  const shown = escapeControls(text);
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space keeps a backtick at either end from joining the fence; CommonMark strips one each side.
  const pad = /^`|`$/.test(shown) ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}
