/**
 * Konnect's label rules. Value rules and the 50-label cap are in the spec's `Labels` schema;
 * the key rules live only in its description, so they are checked here by hand.
 */
import type { InvalidParameter } from './errors.js';

export const MAX_LABELS = 50;
export const LABEL_VALUE_PATTERN = /^[a-z0-9A-Z]{1}([a-z0-9A-Z-._]*[a-z0-9A-Z]+)?$/;
// Case-sensitive on purpose: kongctl tags teams with `KONGCTL-namespace` against live Konnect.
const RESERVED_KEY_PREFIXES = ['kong', 'konnect', 'mesh', 'kic', '_'];

export function checkLabelKeys(labels: Record<string, unknown>, field = 'labels'): InvalidParameter[] {
  const problems: InvalidParameter[] = [];
  for (const key of Object.keys(labels)) {
    if (key.length < 1 || key.length > 63) {
      problems.push({ field: `${field}.${key}`, rule: 'is_label', reason: 'label keys must be 1-63 characters long' });
    } else if (RESERVED_KEY_PREFIXES.some((p) => key.startsWith(p))) {
      problems.push({
        field: `${field}.${key}`,
        rule: 'is_label',
        reason: 'label keys cannot start with "kong", "konnect", "mesh", "kic" or "_"',
      });
    }
  }
  return problems;
}

/** Every label rule at once: used where no request schema ran first (seed, merged PATCH result). */
export function checkLabels(labels: Record<string, unknown>, field = 'labels'): InvalidParameter[] {
  const problems = checkLabelKeys(labels, field);
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE_PATTERN.test(value)) {
      problems.push({
        field: `${field}.${key}`,
        rule: 'matches_regex',
        reason: `must match pattern ${LABEL_VALUE_PATTERN.source} and be 1-63 characters long`,
      });
    }
  }
  if (Object.keys(labels).length > MAX_LABELS) {
    problems.push({ field, rule: 'max_items', maximum: MAX_LABELS, reason: `must not have more than ${MAX_LABELS} labels` });
  }
  return problems;
}

/**
 * PATCH semantics (inferred from kongctl, see konnect-api-notes §3): keys sent with a value are
 * set, keys sent as null are removed, keys not sent are kept; `labels: null` clears them all.
 */
export function mergeLabels(
  current: Record<string, string>,
  update: Record<string, string | null> | null,
): Record<string, string> {
  if (update === null) return {};
  const merged: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
