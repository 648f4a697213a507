/** Read a saved plan for `sync --plan`: JSON, the plan schema, then what a schema cannot say. Exit 1 with sentences. */
import { closeSync, openSync } from 'node:fs';
import { UsageError } from '../src/errors.js';
import { readAtMostLimit } from '../src/file/read.js';
import { checkPlanSchema } from '../src/plan/plan-schema.js';
import { planProblems } from '../src/plan/saved.js';
import { type Plan, PLAN_FORMAT_VERSION, type PlanOrigin } from '../src/plan/types.js';

export type SavedPlan = Plan & { origin: PlanOrigin };

/**
 * The most of a plan file read: a plan of every change to a 50,000-person organization is some
 * tens of MiB. Past it the file is no plan orgdeck wrote (`sync --plan /dev/zero` never ends).
 */
export const MAX_PLAN_BYTES = 256 * 1024 * 1024;

export function readPlanFile(path: string): SavedPlan {
  let text: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const bytes = readAtMostLimit(fd, MAX_PLAN_BYTES);
      if (bytes.length > MAX_PLAN_BYTES) throw new UsageError(`The plan "${path}" is more than ${MAX_PLAN_BYTES / 1024 / 1024} MiB, larger than any plan orgdeck writes. Make it again with orgdeck diff --out PLAN.json.`);
      text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new UsageError(`Cannot read the plan "${path}": it is a folder. Give the plan's file, the one orgdeck diff --out PLAN.json wrote.`);
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : 'no such file';
    throw new UsageError(`Cannot read the plan "${path}": ${why}. Make one with orgdeck diff --out ${path}.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    if (isStateFile(path, text, undefined)) throw notAPlan(path);
    throw new UsageError(`The plan "${path}" is not JSON (${(err as Error).message}). Make it again with orgdeck diff --out ${path}.`);
  }
  if (isStateFile(path, text, value)) throw notAPlan(path);
  // A plan of another format is said once, not as every field the schema no longer knows.
  const version = (value as { format_version?: unknown } | null)?.format_version;
  const { plan, problems } = typeof version === 'string' && version !== PLAN_FORMAT_VERSION ? { plan: value as Plan, problems: [] } : checkPlanSchema(value);
  const all = plan ? planProblems(plan) : problems;
  if (all.length > 0) {
    throw new UsageError(`The plan "${path}" cannot be applied; nothing was sent:\n${all.map((p) => `  - ${p}\n`).join('')}Make the plan again with orgdeck diff --out ${path}, or fix these by hand.`);
  }
  return plan as SavedPlan;
}

/** A state file given as the plan: "make it again with diff --out THAT_PATH" would overwrite it. */
function isStateFile(path: string, text: string, value: unknown): boolean {
  if (value !== undefined) return typeof value === 'object' && value !== null && Object.hasOwn(value, '_format_version');
  return /\.ya?ml$/i.test(path) || /^_format_version\s*:/m.test(text);
}

function notAPlan(path: string): UsageError {
  return new UsageError(
    `"${path}" is a state file, not a saved plan; nothing was sent. Sync it with orgdeck sync ${path}, or save its plan with orgdeck diff ${path} --out plan.json and apply that with orgdeck sync --plan plan.json.`,
  );
}
