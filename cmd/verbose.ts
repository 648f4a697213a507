/**
 * --verbose (or ORGDECK_VERBOSE): one line per request on stderr, from the client's onExchange
 * hook; at level 2 the bodies too. What is printed never holds the token: the request headers
 * are not part of an exchange, and bodies pass through the run's Secrets and lose the values of
 * fields that name a secret before they are printed.
 */
import { UsageError } from '../src/errors.js';
import type { Exchange } from '../src/konnect/client.js';
import { REDACTED, Secrets } from '../src/text/redact.js';
import { escapeControls } from '../src/text/terminal.js';
import { cameFromEnv } from './env-flags.js';
import type { Io } from './io.js';

export type VerboseLevel = 0 | 1 | 2;

/** A body printed at level 2 is cut here: a page of 100 users is some 30 KB. */
const MAX_BODY_CHARS = 4000;

/** Fields whose values are secrets wherever they appear (OIDC client_secret, a created token…). */
const SECRET_FIELD = /secret|token|password|passwd|private_key|credential/i;

/**
 * `--verbose` alone is level 1. ORGDECK_VERBOSE reaches here as the flag's value, as every
 * ORGDECK_* does (env-flags.ts); a bad level names where it came from.
 */
export function verboseLevel(flag: string | boolean | undefined, io: Pick<Io, 'env'>): VerboseLevel {
  if (flag === true) return 1;
  if (flag === undefined || flag === false) return 0;
  return parseLevel(flag.trim(), cameFromEnv(io, '--verbose', flag) ? 'ORGDECK_VERBOSE' : '--verbose');
}

function parseLevel(value: string, source: string): VerboseLevel {
  if (value === '0' || value === '1' || value === '2') return Number(value) as VerboseLevel;
  throw new UsageError(`${source} takes 1 (a line per request) or 2 (with the bodies), not "${value}".`);
}

/**
 * `--verbose` takes an optional level, so commander would read `diff --verbose org.yaml` as level
 * "org.yaml". A `--verbose` not followed by a number is made `--verbose=1` before parsing; a number
 * stays its level, so `--verbose 3` is refused as a level instead of read as a state file "3".
 */
export function verboseAloneIsLevelOne(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((arg, i) => (arg === '--verbose' && (end < 0 || i < end) && !/^\d+$/.test(argv[i + 1] ?? '') ? '--verbose=1' : arg));
}

/**
 * The lines for one exchange, e.g.
 * `http: GET global /v3/users?page[size]=100&page[number]=1 → 200 in 12 ms (try 1, trace konnect:trace:123)`.
 */
export function describeExchange(e: Exchange, level: VerboseLevel, secrets: Secrets = new Secrets()): string {
  const outcome = e.status !== undefined ? String(e.status) : `no answer from ${e.hostname}: ${e.error ?? 'network error'}`;
  const trace = e.traceId ? `, trace ${e.traceId}` : '';
  const lines = [`http: ${e.method} ${e.host} ${e.target} → ${outcome} in ${Math.round(e.ms)} ms (try ${e.attempt}${trace})`];
  if (level >= 2) {
    if (e.requestBody !== undefined) lines.push(`http:   request body: ${showBody(e.requestBody, secrets)}`);
    if (e.responseBody) lines.push(`http:   response body: ${showBody(e.responseBody, secrets)}`);
  }
  // Redacted, then escaped line by line: a raw ESC or CR from the server or network cannot reach the terminal.
  return `${lines.map((line) => escapeControls(secrets.redact(line))).join('\n')}\n`;
}

function showBody(text: string, secrets: Secrets): string {
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text, (key, value) => (SECRET_FIELD.test(key) && typeof value === 'string' ? REDACTED : value)));
  } catch {
    // Not JSON (an HTML error page from a proxy): shown as it came, redacted below.
  }
  shown = secrets.redact(shown.replace(/\s+/g, ' '));
  return shown.length > MAX_BODY_CHARS ? `${shown.slice(0, MAX_BODY_CHARS)}… (${shown.length - MAX_BODY_CHARS} more characters)` : shown;
}
