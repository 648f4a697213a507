/**
 * Names that only look different. Konnect compares team names byte for byte, so "Eng" and
 * "eng", "Café" written with a composed é and with e + a combining accent, or "Platform" with a
 * Cyrillic "а" or a full-width "Ｐ", are two teams a reader cannot tell apart. Compare after
 * folding all of that away instead.
 */
import { describeLookalikes, foldLookalikes } from './confusables.js';

/** Case folding after NFC (upper then lower covers ß → ss and final sigma). */
function foldCase(name: string): string {
  return name.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

/** The name as a reader sees it: compatibility forms and look-alike letters of other scripts folded (text/confusables.ts), then case folded. */
export function foldName(name: string): string {
  return foldCase(foldLookalikes(name));
}

/** How two different names that fold alike differ: in letter case, in Unicode form, in look-alike characters. */
export function howNamesDiffer(a: string, b: string): string {
  if (a.normalize('NFC') === b.normalize('NFC')) return 'only in how accented letters are encoded (Unicode NFC)';
  if (a.toLowerCase() === b.toLowerCase()) return 'only in letter case';
  if (a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase()) return 'only in letter case and in how accented letters are encoded (Unicode NFC)';
  if (foldCase(a) === foldCase(b)) return 'only in letter case, as Unicode case folding sees it (ß is SS in capitals)';
  return `in look-alike characters (${describeLookalikeNames(a, b)})`;
}

/** The look-alike characters of two names that fold alike, named; "a" and "b" may each hold some. */
export function describeLookalikeNames(a: string, b: string): string {
  return [...new Set([...describeLookalikes(a), ...describeLookalikes(b)])].join(', ');
}

/** True when the names differ in more than letter case and Unicode form: a character of another script or a compatibility form. */
export function differsInLookalikes(a: string, b: string): boolean {
  return foldCase(a) !== foldCase(b);
}

/** "starts with a space" / "ends with a space" (any Unicode white space), or undefined. */
export function describeEdgeSpace(name: string): string | undefined {
  const lead = /^\s/u.test(name);
  const trail = /\s$/u.test(name);
  if (lead && trail) return 'starts and ends with a space';
  if (lead) return 'starts with a space';
  if (trail) return 'ends with a space';
  return undefined;
}
