/**
 * Errors by audience. `cmd/run.ts` catches them once and maps each class to a fixed exit code;
 * everything else is an internal error (a bug), the only case that shows a stack trace.
 */
import { plural } from './text/plural.js';

/** Exit codes are part of the CLI contract. */
export const EXIT = { ok: 0, error: 1, drift: 2, refused: 3 } as const;

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

export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  return `${where}  ${p.pointer || '/'}  ${p.message}`;
}
