/** The end of a load, for every command: the notices printed, then the state or every problem. */
import { formatProblem, StateFileError } from '../src/errors.js';
import type { LoadResult } from '../src/file/load.js';
import type { DesiredState } from '../src/model.js';

/** Print the notices; the state, or a StateFileError with every problem. */
export function settle(result: Pick<LoadResult, 'state' | 'problems' | 'notices'>, say: (text: string) => void): DesiredState {
  for (const n of result.notices) say(`notice: ${formatProblem(n)}\n`);
  if (!result.state) throw new StateFileError(result.problems);
  return result.state;
}
