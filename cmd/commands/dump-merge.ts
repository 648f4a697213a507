/**
 * `orgdeck dump --merge-into PATH`: the live organization, in the scope the state file(s) at
 * PATH claim, written into those files in place (src/file/merge.ts), each changed file replaced
 * atomically. The files must validate first: their scope decides what is read and merged.
 */
import { existsSync } from 'node:fs';
import { UsageError } from '../../src/errors.js';
import { scopeOf } from '../../src/diff/scope.js';
import { decodeUtf8 } from '../../src/file/decode.js';
import { describeDroppedExpiry, describeMerge } from '../../src/file/dump-scope.js';
import { mergeLiveIntoFiles } from '../../src/file/merge.js';
import { fetchLiveState } from '../../src/konnect/fetch.js';
import { escapeControls } from '../../src/text/terminal.js';
import { plural } from '../../src/text/plural.js';
import { type ConnectionFlags, fetchOptions, makeClient, progressFor } from '../connection.js';
import { unlessInterrupted } from '../interrupt.js';
import { checkForSecrets, type Io } from '../io.js';
import { replaceFilesAtomically, suggestFileFor } from '../output.js';
import { sayWhoseToken } from '../pipeline.js';
import { loadStateFromPaths } from '../state.js';

/** Returns the exit code: 1 when the person answered no, else 0. */
export async function mergeIntoFiles(path: string, flags: ConnectionFlags & { yes?: boolean }, io: Io): Promise<number> {
  if (path === '-') throw new UsageError('--merge-into rewrites files in place, so it needs a file or a folder, not standard input.');
  if (!existsSync(path)) {
    // `dump -o org/` cannot write a folder: name a file the way out can write.
    const file = /[\\/]$/.test(path) ? suggestFileFor(path) : path;
    throw new UsageError(`--merge-into "${escapeControls(path)}": no such file or folder to refresh. To write a new state file, run orgdeck dump -o ${escapeControls(file)}.`);
  }
  // Validate before connecting, and before asking: a broken file costs no question and no API request.
  const { state, written, sources } = loadStateFromPaths([path], io);
  if (!(await mayRewrite(path, sources.length, io, flags.yes))) {
    io.stderr(`Nothing was written; "${escapeControls(path)}" is unchanged.\n`);
    return 1;
  }
  const progress = progressFor(flags, io);
  const client = makeClient(flags, io, undefined, progress);
  const reading = fetchLiveState(client, scopeOf(state), progress.onEvent, fetchOptions(flags, io));
  const live = await unlessInterrupted(io, progress, 'written', reading, () => client.abandon('interrupted')).finally(() => progress.stop());
  sayWhoseToken(live, io);
  const texts = new Map(sources.map((s) => [s.name, textOf(s.bytes)]));
  const merged = mergeLiveIntoFiles(texts, written, state, live);
  const changed = merged.files.filter((f) => f.changed);
  const wayOut = 'remove the token from that field in Konnect, then run dump again.';
  for (const f of changed) checkForSecrets(io, f.text, f.text, `The merge into ${escapeControls(f.name)}`, wayOut);
  replaceFilesAtomically(changed.map((f) => ({ path: f.name, text: f.text })), 'the merged state');
  for (const d of merged.droppedExpiries) io.stderr(`${escapeControls(describeDroppedExpiry(d))}\n`);
  const what = describeMerge(merged.counts);
  const files = sources.length > 1 ? ` (${plural(changed.length, 'file')} of ${sources.length} changed)` : '';
  io.stderr(what ? `merged: ${what}${files}.\n` : `merged: nothing changed; ${escapeControls(path)} already matches the live organization.\n`);
  return 0;
}

/** The same rule as replacing a dump's output file: ask on a terminal, require --yes otherwise. */
async function mayRewrite(path: string, files: number, io: Io, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  const what = files > 1 ? `the ${files} state files under "${path}"` : `"${path}"`;
  if (!io.isTTY) throw new UsageError(`--merge-into rewrites ${what} in place. Pass --yes to let it (commit the files first to see the change with git diff).`);
  return io.confirm(`Merge the live organization into ${what}?`);
}

function textOf(bytes: Uint8Array): string {
  const decoded = decodeUtf8(bytes);
  // The load above refused a file that is not UTF-8.
  return decoded.ok ? decoded.text.replace(/^\uFEFF/, '') : '';
}
