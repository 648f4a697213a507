/**
 * On a terminal, say what is being retried, so a refused connection or a name that does not
 * resolve is never retried in silence. Rendered from the client's `retry` events; a progress
 * line can render the same events instead. 429s are left out: waiting for the rate limit is
 * normal, and says nothing is wrong.
 */
import type { ClientEvent } from '../src/konnect/client.js';

/** The notice for one event, or '' when there is nothing worth saying. */
export function retryNotice(e: ClientEvent): string {
  if (/^429\b/.test(e.why)) return '';
  const seconds = e.delayMs < 1000 ? (e.delayMs / 1000).toFixed(1) : String(Math.round(e.delayMs / 1000));
  return `Retrying ${e.method} ${e.path} in ${seconds} s (try ${e.attempt}): ${e.why || 'no answer'}.\n`;
}
