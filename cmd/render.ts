/** Choose and run a plan renderer. */
import { renderMarkdown } from '../src/plan/render-markdown.js';
import { renderText } from '../src/plan/render-text.js';
import type { Plan } from '../src/plan/types.js';
import { escapeControls } from '../src/text/terminal.js';
import { pickFormat } from './env-flags.js';
import { checkForSecrets, type Io, useColour } from './io.js';
import { writeOutputFile } from './output.js';

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** --format of diff and sync: see pickFormat for a value from ORGDECK_FORMAT. */
export function checkFormat(f: string, io: Pick<Io, 'env'>): Format {
  return pickFormat(io, f, FORMATS, 'text');
}

/** --output-file (--out): the plan as JSON, for review or for the record. */
export function writePlan(path: string, plan: Plan, io: Io): void {
  writeOutputFile(path, planJson(plan, io), 'the plan');
  // `diff --format markdown -o plan.md` reads as "write the markdown there": it wrote JSON.
  const ext = /\.(md|markdown|txt|text|html?)$/i.exec(path)?.[1];
  if (ext) io.stderr(`Note: -o always writes the plan as JSON, for orgdeck sync --plan, so ${escapeControls(path)} holds JSON, not ${ext.toLowerCase()}. For the printed plan in a file, redirect the output instead (orgdeck diff --format markdown > plan.md).\n`);
}

/** The plan as JSON, which `sync --plan` reads back: never altered, refused when it holds a token. */
function planJson(plan: Plan, io: Io): string {
  return checkForSecrets(io, plan, `${JSON.stringify(plan, null, 2)}\n`, 'The plan', 'remove the token from the state file or from Konnect, then make the plan again.');
}

/** `showPending`: in text, list every pending invitee (--show-pending) instead of counting many in one line. */
export function renderPlan(plan: Plan, format: Format, io: Io, showPending = false): string {
  if (format === 'json') return planJson(plan, io);
  if (format === 'markdown') return renderMarkdown(plan);
  return renderText(plan, { colour: useColour(io), showPending });
}

export const SHOW_PENDING_HELP = 'list every pending invitee (more than 3 are counted in one line)';
