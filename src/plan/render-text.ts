/** The plan as text for a terminal or a CI log. */
import { describeWithReason, showValue, shownFieldChanges } from './describe.js';
import { expiringText } from './describe-expiring.js';
import { noChangesLine, pendingEntries } from './render-pending.js';
import { refusalLines } from './render-refusals.js';
import { escapeControls } from '../text/terminal.js';
import type { Change, Plan } from './types.js';

export interface TextStyle {
  colour: boolean;
  /** List every pending invitee, however many (--show-pending). */
  showPending?: boolean;
}

const CODES = { create: '\u001b[32m', update: '\u001b[33m', delete: '\u001b[31m', dim: '\u001b[2m', reset: '\u001b[0m' };

export function renderText(plan: Plan, style: TextStyle): string {
  // Each line is orgdeck's words around names from the org: escaped before colour is added.
  const paint = (code: keyof typeof CODES, s: string) => (style.colour ? `${CODES[code]}${escapeControls(s)}${CODES.reset}` : escapeControls(s));
  // A targeted plan says so before anything else: what it shows is not the whole organization.
  const lines: string[] = plan.targeting ? [escapeControls(plan.targeting.message)] : [];
  for (const c of plan.changes) {
    lines.push(paint(c.op, describeWithReason(c)));
    if (c.op === 'update') lines.push(...updateLines(c).map((l) => paint(l.startsWith('  -') ? 'delete' : 'create', l)));
  }
  for (const p of pendingEntries(plan, style.showPending ?? false)) lines.push(paint('dim', `pending: ${p.text}`));
  lines.push(...noteLines(plan).map(escapeControls));
  for (const e of plan.expiring ?? []) lines.push(paint('dim', `expiring soon: ${expiringText(e)}`));
  if (plan.changes.length === 0) lines.push(escapeControls(noChangesLine(plan)));
  lines.push(summaryLine(plan));
  lines.push(...refusalLines(plan).map((l) => paint('delete', l)));
  return `${lines.join('\n')}\n`;
}

/** What the plan leaves alone on purpose, one line each (sync prints them before its steps too). */
export function noteLines(plan: Plan): string[] {
  return (plan.notes ?? []).map((n) => `note: ${n.message}`);
}

export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  return `Summary: ${s.create} to add, ${s.update} to change, ${s.delete} to remove`;
}

function updateLines(c: Change): string[] {
  return shownFieldChanges(c).flatMap((f) => [
    `  - ${f.field}: ${showValue(f.before)}`,
    `  + ${f.field}: ${showValue(f.after)}`,
  ]);
}
