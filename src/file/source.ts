/** A state file's content, as read; `name` is what messages call it (a path, or "-" for stdin). */
export interface Source {
  name: string;
  /** Raw bytes: decoding (and refusing non-UTF-8) is part of parsing, so it is pure and tested. */
  bytes: Uint8Array;
  /**
   * Size on disk, or, where none is known beforehand (standard input, /proc), what was read:
   * reading stops at MAX_FILE_BYTES + 1, which so means "more than the limit". Over the limit,
   * `bytes` is empty.
   */
  size: number;
}

/**
 * State files larger than this are refused before parsing (and before reading: a huge file costs
 * no memory). A dump of a 50,000-user organization is about 18 MiB; 32 MiB leaves room for more
 * grants per person, while a file that could exhaust memory is still refused.
 */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * All the state files of one run together (a folder's files added up, standard input included):
 * each file under MAX_FILE_BYTES, seven of them would still hold more than orgdeck can parse in
 * memory. 48 MiB is over twice a 50,000-user dump; a run past it stops with a sentence before
 * anything is parsed.
 */
export const MAX_TOTAL_BYTES = 48 * 1024 * 1024;

export function sourceFromText(name: string, text: string): Source {
  const bytes = new TextEncoder().encode(text);
  return { name, bytes, size: bytes.length };
}
