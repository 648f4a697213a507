/**
 * Names that only look different. Konnect compares team names byte for byte, so "Eng" and
 * "eng", or "Café" written with a composed é and with e + a combining accent, are two teams a
 * reader cannot tell apart. Compare after Unicode NFC and case folding instead.
 */

/** The name as a reader sees it: NFC, case folded (upper then lower covers ß → ss and final sigma). */
export function foldName(name: string): string {
  return name.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

/** How two different names that fold alike differ: in letter case, in Unicode form, or both. */
export function howNamesDiffer(a: string, b: string): string {
  if (a.normalize('NFC') === b.normalize('NFC')) return 'only in how accented letters are encoded (Unicode NFC)';
  if (a.toLowerCase() === b.toLowerCase()) return 'only in letter case';
  if (a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase()) return 'only in letter case and in how accented letters are encoded (Unicode NFC)';
  return 'only in letter case, as Unicode case folding sees it (ß is SS in capitals)';
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
