/** `--expiring-within DURATION` (diff, report): how far ahead access that expires soon is listed. */
import { UsageError } from '../src/errors.js';

export const DEFAULT_EXPIRING_WITHIN = '14d';

const HOUR_MS = 3_600_000;
const UNITS: Record<string, number> = { h: HOUR_MS, d: 24 * HOUR_MS, w: 7 * 24 * HOUR_MS };
/** Ten years: past that, a window lists everything and says nothing. */
const MAX_MS = 3650 * UNITS.d!;

/** "14d", "36h", "2w", or a plain number of days ("14") → ms; anything else is a usage error with the forms it takes. */
export function parseExpiringWithin(written: string): number {
  const m = /^\s*(\d+)\s*([hdw]?)\s*$/i.exec(written);
  const ms = m ? Number(m[1]) * UNITS[(m[2] || 'd').toLowerCase()]! : undefined;
  if (ms === undefined || ms > MAX_MS) {
    throw new UsageError(`--expiring-within takes a whole number of days (14) or a duration with a unit, h, d or w (36h, 14d, 2w), up to 3650 days; "${written}" is not one. It defaults to ${DEFAULT_EXPIRING_WITHIN}.`);
  }
  return ms;
}
