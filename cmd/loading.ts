/**
 * Load the state files for a command that reads the organization, so that the reads wait as
 * little as they can. A small file is loaded, and refused if invalid, before anything is sent.
 * A large one is loaded a few milliseconds at a time while the reads go out: between two steps
 * of the load, the answers that came in are taken and the next requests sent. If the load finds
 * problems, the reads are given up.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { scopeOf } from '../src/diff/scope.js';
import { readStateSources } from '../src/file/read.js';
import { MAX_FILE_BYTES, type Source } from '../src/file/source.js';
import type { Steps } from '../src/file/steps.js';
import type { FetchScope } from '../src/konnect/fetch.js';
import type { DesiredState } from '../src/model.js';
import type { Io } from './io.js';
import { settle } from './settle.js';

/**
 * From this much YAML (about 2,000 users) the load goes beside the reads. Below it the load takes
 * a few hundredths of a second and runs first: a small broken file costs no API request at all.
 */
export const OVERLAP_BYTES = 512 * 1024;

/**
 * How long a step of the load may hold the thread. An answer that arrives meanwhile waits at
 * most this long to be taken, against the 20 ms or more it spent travelling.
 */
export const STEP_MS = 4;

export interface Loading {
  sources: Source[];
  /** Known now, or when the load is done; a StateFileError when the files are invalid. */
  state: DesiredState | Promise<DesiredState>;
  /** What to read: known now, or with the state. */
  scope: FetchScope | Promise<FetchScope>;
}

/**
 * `say` prints the notices (above a progress line). A small invalid file throws here. The loader
 * (the YAML parser, the schema, the rules) is imported here, not with this module: for a large
 * file its modules load while the first requests are on their way.
 */
export async function startLoading(paths: readonly string[], io: Io, say: (text: string) => void): Promise<Loading> {
  const sources = readStateSources(paths, () => io.readStdin());
  const bytes = sources.reduce((n, s) => n + s.size, 0);
  const loader = import('../src/file/load.js');
  // A file over the cap is refused as it is parsed: here, before anything is sent.
  if (bytes < OVERLAP_BYTES || sources.some((s) => s.size > MAX_FILE_BYTES) || !readsAsDump(sources)) {
    const state = settle((await loader).loadDesiredState(sources, io.env), say);
    return { sources, state, scope: scopeOf(state) };
  }
  const state = loader.then(({ loadSteps }) => inTurns(loadSteps(sources, io.env))).then((result) => settle(result, say));
  const scope = state.then(scopeOf);
  // Its failure is the state's, and reported as that: not a second, unhandled one.
  scope.catch(() => {});
  return { sources, state, scope };
}

/**
 * Whether the files surely read the org as dump does, as far as reads can go before the file is
 * loaded: every user's roles (unlisted users are removed: `unlisted_users` absent or a plain
 * `remove`) and every custom team's members and roles (a top-level `teams:`, no
 * `select_team_labels`). Only then may the reads start early: a file that narrows its scope must
 * never have people or teams outside it read (a token may not even be allowed to). The test is on
 * the text, so it errs one way only: any other mention, even in a comment, makes the file load first.
 */
export function readsAsDump(sources: readonly Source[]): boolean {
  const texts = sources.map((s) => Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength));
  const managesTeams = texts.some((t) => t.subarray(0, 6).toString() === 'teams:' || t.includes('\nteams:'));
  return managesTeams && texts.every((t) => !t.includes('select_team_labels') && removesUnlisted(t));
}

/** Every mention of `unlisted_users` is a line `unlisted_users: remove` (the default, as dump writes it). */
function removesUnlisted(text: Buffer): boolean {
  if (!text.includes('unlisted_users')) return true;
  const s = text.toString('utf8');
  const mentions = s.split('unlisted_users').length - 1;
  const plainRemove = s.match(/^ *unlisted_users: (remove|"remove"|'remove') *$/gm)?.length ?? 0;
  return mentions === plainRemove;
}

/**
 * Runs `steps` to the end, giving the event loop a turn whenever a run of steps has held the
 * thread STEP_MS. It starts on a turn of its own, so whatever its caller does next (send the
 * first requests) comes first.
 */
export async function inTurns<T>(steps: Steps<T>, clock: () => number = performance.now.bind(performance), stepMs = STEP_MS): Promise<T> {
  for (;;) {
    await nextTurn();
    const until = clock() + stepMs;
    do {
      const r = steps.next();
      if (r.done) return r.value;
    } while (clock() < until);
  }
}
