/** Read and load the desired state for a command, printing notices; throws StateFileError when invalid. */
import { formatProblem, StateFileError } from '../src/errors.js';
import { loadDesiredState } from '../src/file/load.js';
import { readStateSources } from '../src/file/read.js';
import type { Source } from '../src/file/source.js';
import type { Written } from '../src/file/written.js';
import type { DesiredState } from '../src/model.js';
import type { Io } from './io.js';

/** `say` prints the notices (above a progress line, for a command that shows one). */
export function loadStateFromPaths(paths: readonly string[], io: Io, say: (text: string) => void = io.stderr): { state: DesiredState; written: Written; sources: Source[] } {
  const sources = readStateSources(paths, () => io.readStdin());
  const result = loadDesiredState(sources, io.env);
  for (const n of result.notices) say(`notice: ${formatProblem(n)}\n`);
  if (!result.state || !result.written) throw new StateFileError(result.problems);
  return { state: result.state, written: result.written, sources };
}
