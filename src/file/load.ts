/**
 * Sources → desired state, purely: parse every file, check the schema per file, merge, run the
 * rules, and normalize only when nothing is wrong. All problems of all files come back at once.
 */
import type { Problem } from '../errors.js';
import type { DesiredState } from '../model.js';
import type { Env } from './env.js';
import { normalizeState } from './normalize.js';
import { type ParsedFile, parseSource } from './parse.js';
import { checkRules } from './rules.js';
import { capMessage } from '../text/excerpt.js';
import { checkSchema, notAStateFile } from './schema.js';
import type { Source } from './source.js';
import { mergeFiles, type Written } from './written.js';

export interface LoadResult {
  state?: DesiredState;
  /** The merged files as written, for checks that point at them later (`validate --online`). */
  written?: Written;
  problems: Problem[];
  notices: Problem[];
}

export function loadDesiredState(sources: readonly Source[], env: Env): LoadResult {
  const problems = new StagedProblems();
  const files: ParsedFile[] = [];
  for (const source of sources) {
    const parsed = parseSource(source, env);
    const other = parsed.file && notAStateFile(parsed.file);
    if (other) {
      // Some other file in a state folder (a CI workflow): its ${{ … }} are not references to judge.
      problems.add([other]);
      continue;
    }
    problems.add(parsed.problems);
    if (!parsed.file) continue;
    problems.add(checkSchema(parsed.file));
    files.push(parsed.file);
  }
  const merged = mergeFiles(files);
  problems.add(merged.problems);
  const rules = checkRules(merged.written);
  problems.add(rules.problems);
  const sorted = sortProblems(problems.list);
  if (sorted.length > 0 || files.length < sources.length) return { problems: sorted, notices: rules.notices };
  return { state: normalizeState(merged.written), written: merged.written, problems: [], notices: rules.notices };
}

/**
 * One problem per place: once a stage has found something at a pointer (a bad env reference,
 * then a wrong type), what later stages find there is a consequence, not news.
 */
export class StagedProblems {
  readonly list: Problem[] = [];
  private readonly taken = new Set<string>();

  add(stage: readonly Problem[]): void {
    const fresh = stage.filter((p) => !this.taken.has(`${p.file}\u0000${p.pointer}`) || p.pointer === '');
    // One push per problem: a spread of 100,000+ problems would overflow the call stack.
    for (const p of fresh) {
      this.taken.add(`${p.file}\u0000${p.pointer}`);
      this.list.push({ ...p, message: capMessage(p.message) });
    }
  }
}

/** File order as given, then line and column: the order a reader fixes them in. */
export function sortProblems(problems: Problem[]): Problem[] {
  const files = [...new Set(problems.map((p) => p.file))];
  return [...problems].sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.col - b.col);
}

export function countGrants(state: DesiredState): number {
  return [...state.users, ...state.teams, ...(state.systemAccounts ?? [])].reduce((n, x) => n + x.roles.length, 0);
}
