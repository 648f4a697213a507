/**
 * A value quoted in a message for a person, never more than a short excerpt of it. A state file
 * comes from a pull request, so whatever it holds may be a secret someone wants printed in CI's
 * log: a message names enough of a value to find it, not the whole of it.
 */
import { escapeControls } from './terminal.js';

export const EXCERPT_CHARS = 40;

/**
 * `"abc"` for short values; `"the first 40 characters…" (1,234 characters)` for long ones. JSON's
 * quoting escapes C0 controls; escapeControls also takes DEL, C1 and the bidirectional overrides.
 */
export function excerpt(value: unknown, max = EXCERPT_CHARS): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  if (text.length <= max) return escapeControls(typeof value === 'string' ? JSON.stringify(text) : text);
  const cut = escapeControls(JSON.stringify(text.slice(0, max)).slice(0, -1));
  return `${cut}…" (${text.length.toLocaleString('en-US')} characters)`;
}

/**
 * A name quoted in a message: `"name"` exactly as written when it is short (the messages people
 * know), `excerpt(name)` when longer, since a name may carry whatever a state file substituted.
 */
export function quoted(value: string): string {
  return value.length <= EXCERPT_CHARS ? `"${value}"` : excerpt(value);
}

/** Messages longer than this are cut: a last guard for a value quoted without `excerpt`. */
export const MAX_MESSAGE_CHARS = 600;

export function capMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  return `${message.slice(0, MAX_MESSAGE_CHARS)}… (message cut at ${MAX_MESSAGE_CHARS} characters)`;
}
