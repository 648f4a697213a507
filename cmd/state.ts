/** Read and load the desired state for a command, printing notices; throws StateFileError when invalid. */
import { loadDesiredState } from '../src/file/load.js';
import { readStateSources } from '../src/file/read.js';
import type { Source } from '../src/file/source.js';
import type { Written } from '../src/file/written.js';
import type { DesiredState } from '../src/model.js';
import type { Io } from './io.js';
import { settle } from './settle.js';

export function loadStateFromPaths(paths: readonly string[], io: Io): { state: DesiredState; written: Written; sources: Source[] } {
  const sources = readStateSources(paths, () => io.readStdin());
  const result = loadDesiredState(sources, io.env);
  const state = settle(result, io.stderr);
  if (!result.written) throw new Error('A loaded state came without its files as written.');
  return { state, written: result.written, sources };
}
