/** Choose and run a plan renderer. */
import { UsageError } from '../src/errors.js';
import { renderMarkdown } from '../src/plan/render-markdown.js';
import { renderText } from '../src/plan/render-text.js';
import type { Plan } from '../src/plan/types.js';
import { type Io, redactForFile, useColour } from './io.js';
import { writeOutputFile } from './output.js';

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function checkFormat(f: string): Format {
  if ((FORMATS as readonly string[]).includes(f)) return f as Format;
  throw new UsageError(`--format takes ${FORMATS.join(', ')}, not "${f}".`);
}

/** --output-file (--out): the plan as JSON, for review or for the record. */
export function writePlan(path: string, plan: Plan, io: Io): void {
  writeOutputFile(path, redactForFile(io, `${JSON.stringify(plan, null, 2)}\n`), 'the plan');
}

/** `showPending`: in text, list every pending invitee (--show-pending) instead of counting many in one line. */
export function renderPlan(plan: Plan, format: Format, io: Io, showPending = false): string {
  if (format === 'json') return `${JSON.stringify(plan, null, 2)}\n`;
  if (format === 'markdown') return renderMarkdown(plan);
  return renderText(plan, { colour: useColour(io), showPending });
}

export const SHOW_PENDING_HELP = 'list every pending invitee (more than 3 are counted in one line)';
