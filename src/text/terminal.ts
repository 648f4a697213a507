/**
 * Text from outside (Konnect's error details, names in the org) as it may be shown on a
 * terminal or in a CI log. A control character there is an instruction to the terminal: ESC
 * and CSI sequences move the cursor and erase lines, CR returns to the line's start, LF starts
 * a new one, so a server could overwrite or forge what orgdeck prints ("✓ delete user …").
 */

/** C0 (line breaks and tabs included), DEL, C1, and the bidirectional overrides that reorder what is shown. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` with each control character written as a visible escape (`\n`, `\x1b`, `\u202e`).
 * Applied where outside text is put into what orgdeck prints, never to data it writes back.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
  });
}

/**
 * A message as printed: its own line breaks kept, every other control character (ESC, CR, C1,
 * from a name or file it quotes) escaped, so it cannot move the cursor or forge a line.
 */
export function escapeLines(message: string): string {
  return message.split('\n').map(escapeControls).join('\n');
}
