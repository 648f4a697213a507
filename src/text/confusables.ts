/**
 * Letters of other scripts that a reader takes for ASCII ones: Konnect only accepts ASCII emails
 * (the spec's `format: email`), and compares team names byte for byte, so these are the usual way
 * a wrong address or a second "Platform" slips through review. Name the character.
 *
 * A hand table, not the full Unicode confusables list (UTS #39): that list also maps ASCII to
 * ASCII ("rn" to "m", "l" to "I" to "1"), which would refuse names people hold today, and would
 * be a new dependency. These are the Cyrillic and Greek letters identical to Latin ones in common
 * fonts; full-width and other compatibility forms are folded by Unicode NFKC instead.
 */
import { escapeControls } from './terminal.js';

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
  '\u0501': ['CYRILLIC SMALL LETTER KOMI DE', 'd'],
  '\u04bb': ['CYRILLIC SMALL LETTER SHHA', 'h'],
  '\u04cf': ['CYRILLIC SMALL LETTER PALOCHKA', 'l'],
  '\u051b': ['CYRILLIC SMALL LETTER QA', 'q'],
  '\u051d': ['CYRILLIC SMALL LETTER WE', 'w'],
  '\u0410': ['CYRILLIC CAPITAL LETTER A', 'A'],
  '\u0412': ['CYRILLIC CAPITAL LETTER VE', 'B'],
  '\u0415': ['CYRILLIC CAPITAL LETTER IE', 'E'],
  '\u041a': ['CYRILLIC CAPITAL LETTER KA', 'K'],
  '\u041c': ['CYRILLIC CAPITAL LETTER EM', 'M'],
  '\u041d': ['CYRILLIC CAPITAL LETTER EN', 'H'],
  '\u041e': ['CYRILLIC CAPITAL LETTER O', 'O'],
  '\u0420': ['CYRILLIC CAPITAL LETTER ER', 'P'],
  '\u0421': ['CYRILLIC CAPITAL LETTER ES', 'C'],
  '\u0422': ['CYRILLIC CAPITAL LETTER TE', 'T'],
  '\u0423': ['CYRILLIC CAPITAL LETTER U', 'Y'],
  '\u0425': ['CYRILLIC CAPITAL LETTER HA', 'X'],
  '\u0405': ['CYRILLIC CAPITAL LETTER DZE', 'S'],
  '\u0406': ['CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I', 'I'],
  '\u0408': ['CYRILLIC CAPITAL LETTER JE', 'J'],
  '\u03bf': ['GREEK SMALL LETTER OMICRON', 'o'],
  '\u03b1': ['GREEK SMALL LETTER ALPHA', 'a'],
  '\u03b5': ['GREEK SMALL LETTER EPSILON', 'e'],
  '\u03b9': ['GREEK SMALL LETTER IOTA', 'i'],
  '\u03bd': ['GREEK SMALL LETTER NU', 'v'],
  '\u03c1': ['GREEK SMALL LETTER RHO', 'p'],
  '\u03c5': ['GREEK SMALL LETTER UPSILON', 'u'],
  '\u0391': ['GREEK CAPITAL LETTER ALPHA', 'A'],
  '\u0392': ['GREEK CAPITAL LETTER BETA', 'B'],
  '\u0395': ['GREEK CAPITAL LETTER EPSILON', 'E'],
  '\u0396': ['GREEK CAPITAL LETTER ZETA', 'Z'],
  '\u0397': ['GREEK CAPITAL LETTER ETA', 'H'],
  '\u0399': ['GREEK CAPITAL LETTER IOTA', 'I'],
  '\u039a': ['GREEK CAPITAL LETTER KAPPA', 'K'],
  '\u039c': ['GREEK CAPITAL LETTER MU', 'M'],
  '\u039d': ['GREEK CAPITAL LETTER NU', 'N'],
  '\u039f': ['GREEK CAPITAL LETTER OMICRON', 'O'],
  '\u03a1': ['GREEK CAPITAL LETTER RHO', 'P'],
  '\u03a4': ['GREEK CAPITAL LETTER TAU', 'T'],
  '\u03a5': ['GREEK CAPITAL LETTER UPSILON', 'Y'],
  '\u03a7': ['GREEK CAPITAL LETTER CHI', 'X'],
  '\u0131': ['LATIN SMALL LETTER DOTLESS I', 'i'],
  '\u0261': ['LATIN SMALL LETTER SCRIPT G', 'g'],
  '\uff20': ['FULLWIDTH COMMERCIAL AT', '@'],
  '\u2024': ['ONE DOT LEADER', '.'],
  '\u200b': ['ZERO WIDTH SPACE', ''],
  '\u00a0': ['NO-BREAK SPACE', ' '],
};

function codeOf(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `text` with compatibility forms folded (Unicode NFKC: full-width "Ｐ" is "P") and the letters
 * of the table replaced by the ASCII ones they look like. Letter case is left as it is.
 */
export function foldLookalikes(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) out += LOOKALIKES[ch]?.[1] ?? ch;
  return out;
}

/** Each character of `text` that only looks like another, named: `"О" (U+041E CYRILLIC CAPITAL LETTER O) for "O"`. */
export function describeLookalikes(text: string): string[] {
  const found = new Set<string>();
  for (const ch of text.normalize('NFC')) {
    const known = LOOKALIKES[ch];
    const compat = ch.normalize('NFKC');
    if (known) found.add(`"${ch}" (${codeOf(ch)} ${known[0]}) for "${known[1]}"`);
    else if (compat !== ch) found.add(`"${ch}" (${codeOf(ch)}, a compatibility form of "${compat}")`);
  }
  return [...found];
}

/** A sentence naming the first non-ASCII character of `text`, or undefined when it is all ASCII. */
export function describeNonAscii(text: string): string | undefined {
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7e || cp < 0x20) {
      const code = codeOf(ch);
      const known = LOOKALIKES[ch];
      const name = known ? ` ${known[0]}` : '';
      const hint = known?.[1] ? ` It looks like "${known[1]}" but is not; retype it.` : ' Konnect accepts ASCII email addresses only.';
      return `contains the character "${escapeControls(ch)}" (${code}${name}) at position ${index + 1}.${hint}`;
    }
    index++;
  }
  return undefined;
}

/** The first control or invisible character in a string, named, or undefined. */
export function describeControl(text: string): string | undefined {
  const m = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/.exec(text);
  if (!m) return undefined;
  const kind = m[0] >= '\u200b' ? 'invisible' : 'control';
  return `contains the ${kind} character ${codeOf(m[0])} at position ${m.index + 1}; remove it.`;
}

/**
 * A blank other than the ASCII space at either end of a string (a no-break space pasted from a
 * web page or a document), named, or undefined. YAML keeps it in the value (the fast path of
 * simple-yaml.ts as the yaml library), so sync would write it to Konnect, where no one sees it.
 */
export function describeEdgeBlank(text: string): string | undefined {
  // The two ends only: every string of the file passes here, and a search for "$" scans it all.
  const at = EDGE_BLANK.test(text.charAt(0)) ? 0 : EDGE_BLANK.test(text.charAt(text.length - 1)) ? text.length - 1 : -1;
  if (at < 0) return undefined;
  const blank = text.charAt(at);
  const name = blank === '\u00a0' ? ' (a no-break space)' : '';
  return `${at === 0 ? 'starts' : 'ends'} with the blank ${codeOf(blank)}${name}, which YAML keeps as part of the value, unseen. Remove it unless it is meant.`;
}

const EDGE_BLANK = /^[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]$/;
