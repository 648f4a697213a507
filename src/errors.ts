/**
 * Errors by audience. `cmd/run.ts` catches them once and maps each class to a fixed exit code;
 * everything else is an internal error (a bug), the only case that shows a stack trace.
 */
import { capMessage } from './text/excerpt.js';
import { escapeControls } from './text/terminal.js';
import { plural } from './text/plural.js';

/** Exit codes are part of the CLI contract; 130 is the shell's code for Ctrl-C (128 + SIGINT). */
export const EXIT = { ok: 0, error: 1, drift: 2, refused: 3, interrupted: 130 } as const;

/** A mistake in how orgdeck was called: a flag, a missing argument, a path that does not exist. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Where a problem sits in a state file. Line and column are 1-based. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  /** JSON pointer into the file's document, '' for the whole document. */
  pointer: string;
  message: string;
}

/** The state file(s) are not valid; carries every problem found, not just the first. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
  constructor(readonly problems: readonly Problem[]) {
    const files = [...new Set(problems.map((p) => p.file))].join(', ');
    super(`${plural(problems.length, 'problem')} in ${files}. Fix ${problems.length === 1 ? 'it' : 'them'} and run again`);
  }
}

/** What the API said about a failed request, in the words Konnect used. */
export interface ApiErrorDetail {
  status: number;
  title: string;
  detail: string;
  traceId?: string;
  invalidParameters?: { field: string; reason: string }[];
}

/** A request to Konnect failed (after any retries). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly method: string,
    readonly path: string,
    readonly api: ApiErrorDetail,
    readonly tries = 1,
    /** The API's words without the request line: "429 Rate Limited: … (trace) — gave up after 6 tries". */
    readonly summary = message,
  ) {
    super(message);
  }
}

/** The network or TLS layer failed before Konnect answered. */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  constructor(message: string, readonly summary = message) {
    super(message);
  }
}

/**
 * Konnect (or something claiming to be it) answered in a way the API never does: a redirect, a
 * body that is not JSON, JSON of the wrong shape, a list that does not add up. Nothing planned
 * from such an answer can be trusted, so it is an error, never an empty list.
 */
export class ResponseError extends Error {
  override readonly name = 'ResponseError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    /** What was wrong, e.g. "/data/3/email must be string". */
    readonly problem: string,
  ) {
    super(`${method} ${path} answered ${status} with ${problem}, which the Konnect API never sends. Check that --konnect-addr (or KONNECT_ADDR) points at Konnect and that no proxy in between rewrites its answers.`);
  }

  /** For a failed step: the request and what was wrong, without the advice. */
  get summary(): string {
    return `${this.method} ${this.path} answered ${this.status} with ${this.problem}`;
  }
}

/** Sync stopped (interrupted, Konnect unreachable) before this step sent anything: it is not started, not failed. */
export class NotStartedError extends Error {
  override readonly name = 'NotStartedError';
}

/** A step could not be completed for a reason Konnect did not state as an error (e.g. an invited user not listed). */
export class StepError extends Error {
  override readonly name = 'StepError';
  get summary(): string {
    return this.message;
  }
}

/** A guard refused the plan: exit 3. The message carries numbers, the limit and the overriding flag. */
export class UnsafePlanError extends Error {
  override readonly name = 'UnsafePlanError';
  constructor(readonly reasons: readonly string[]) {
    super(reasons.join('\n'));
  }
}

/** The live org cannot be mapped to the file without guessing (ambiguous names, missing entities). */
export class ResolveError extends Error {
  override readonly name = 'ResolveError';
  constructor(readonly reasons: readonly string[]) {
    super(reasons.join('\n'));
  }
}

/** Some steps of a sync failed; the report has been rendered already. */
export class ApplyError extends Error {
  override readonly name = 'ApplyError';
}

/** One problem as printed: the file name, pointer and message may hold what the file or org put there, so controls are escaped. */
export function formatProblem(p: Problem): string {
  const where = `${escapeControls(p.file)}:${p.line}:${p.col}`;
  return `${where}  ${escapeControls(p.pointer || '/')}  ${escapeControls(capMessage(p.message))}`;
}
