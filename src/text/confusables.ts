/**
 * Konnect only accepts ASCII emails (the spec's `format: email`). Look-alike letters from other
 * scripts are the usual way a wrong address slips through review, so name the character.
 */
const LOOKALIKES: Record<string, [name: string, ascii: string]> = {
  '\u0430': ['CYRILLIC SMALL LETTER A', 'a'],
  '\u0435': ['CYRILLIC SMALL LETTER IE', 'e'],
  '\u043e': ['CYRILLIC SMALL LETTER O', 'o'],
  '\u0440': ['CYRILLIC SMALL LETTER ER', 'p'],
  '\u0441': ['CYRILLIC SMALL LETTER ES', 'c'],
  '\u0443': ['CYRILLIC SMALL LETTER U', 'y'],
  '\u0445': ['CYRILLIC SMALL LETTER HA', 'x'],
  '\u0456': ['CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I', 'i'],
  '\u0458': ['CYRILLIC SMALL LETTER JE', 'j'],
  '\u0455': ['CYRILLIC SMALL LETTER DZE', 's'],
  '\u0410': ['CYRILLIC CAPITAL LETTER A', 'A'],
  '\u0415': ['CYRILLIC CAPITAL LETTER IE', 'E'],
  '\u041e': ['CYRILLIC CAPITAL LETTER O', 'O'],
  '\u0420': ['CYRILLIC CAPITAL LETTER ER', 'P'],
  '\u0421': ['CYRILLIC CAPITAL LETTER ES', 'C'],
  '\u03bf': ['GREEK SMALL LETTER OMICRON', 'o'],
  '\u03b1': ['GREEK SMALL LETTER ALPHA', 'a'],
  '\u03b5': ['GREEK SMALL LETTER EPSILON', 'e'],
  '\u03b9': ['GREEK SMALL LETTER IOTA', 'i'],
  '\u0131': ['LATIN SMALL LETTER DOTLESS I', 'i'],
  '\u0261': ['LATIN SMALL LETTER SCRIPT G', 'g'],
  '\uff20': ['FULLWIDTH COMMERCIAL AT', '@'],
  '\u2024': ['ONE DOT LEADER', '.'],
  '\u200b': ['ZERO WIDTH SPACE', ''],
  '\u00a0': ['NO-BREAK SPACE', ' '],
};

/** A sentence naming the first non-ASCII character of `text`, or undefined when it is all ASCII. */
export function describeNonAscii(text: string): string | undefined {
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7e || cp < 0x20) {
      const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      const known = LOOKALIKES[ch];
      const name = known ? ` ${known[0]}` : '';
      const hint = known?.[1] ? ` It looks like "${known[1]}" but is not; retype it.` : ' Konnect accepts ASCII email addresses only.';
      return `contains the character "${ch}" (${code}${name}) at position ${index + 1}.${hint}`;
    }
    index++;
  }
  return undefined;
}

/** The first control or invisible character in a string, named, or undefined. */
export function describeControl(text: string): string | undefined {
  const m = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/.exec(text);
  if (!m) return undefined;
  const code = `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const kind = m[0] >= '\u200b' ? 'invisible' : 'control';
  return `contains the ${kind} character ${code} at position ${m.index + 1}; remove it.`;
}
