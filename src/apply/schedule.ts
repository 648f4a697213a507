/**
 * When each change of a plan may start. A change waits for its `depends_on`, and for every
 * change of an earlier level (plan/order.ts) that touches the same user or team: the order of
 * LEVELS holds for each person and each team, while changes about different people run side by
 * side instead of waiting for a whole level to finish. Deleting a team takes access from every
 * member, whom the plan does not list: it waits for every change of the earlier levels, as before.
 */
import { levelOf } from '../plan/order.js';
import { type Change, changeId } from '../plan/types.js';

interface Entry {
  change: Change;
  level: number;
  subjects: string[];
  /** Waits for the earlier levels of the whole plan, not only of its subjects. */
  barrier: boolean;
  /** Explicit dependencies (in this plan) not finished yet. */
  deps: number;
  started: boolean;
}

export class Schedule {
  private readonly entries: Entry[];
  /** subject → unfinished changes per level. */
  private readonly open = new Map<string, number[]>();
  /** subject → changes that touch it (woken when one of its levels empties). */
  private readonly bySubject = new Map<string, Entry[]>();
  /** change id → entries that name it in depends_on. */
  private readonly dependents = new Map<string, Entry[]>();
  private readonly byId = new Map<string, Entry>();
  /** Unfinished changes per level, in the whole plan. */
  private readonly all: number[] = [];
  private finishedCount = 0;

  constructor(changes: readonly Change[]) {
    this.entries = changes.map((change) => ({ change, level: levelOf(change.op, change.kind), subjects: subjectsOf(change), barrier: isBarrier(change), deps: 0, started: false }));
    for (const e of this.entries) this.byId.set(changeId(e.change), e);
    for (const e of this.entries) {
      this.all[e.level] = (this.all[e.level] ?? 0) + 1;
      for (const s of e.subjects) {
        const counts = this.open.get(s) ?? this.open.set(s, []).get(s)!;
        counts[e.level] = (counts[e.level] ?? 0) + 1;
        (this.bySubject.get(s) ?? this.bySubject.set(s, []).get(s)!).push(e);
      }
      for (const d of new Set(e.change.depends_on ?? [])) {
        if (!this.byId.has(d)) continue; // not in this plan (left out by --no-deletes): nothing to wait for
        e.deps++;
        (this.dependents.get(d) ?? this.dependents.set(d, []).get(d)!).push(e);
      }
    }
  }

  /** Changes that can start now; each is handed out once. */
  ready(): Change[] {
    return this.take(this.entries);
  }

  /** `change` has finished (whatever its outcome): the changes that can start because of it. */
  finish(change: Change): Change[] {
    const e = this.byId.get(changeId(change));
    if (!e) throw new Error(`internal: ${changeId(change)} is not in the plan being applied`);
    this.finishedCount++;
    const candidates: Entry[] = [];
    for (const d of this.dependents.get(changeId(change)) ?? []) {
      d.deps--;
      candidates.push(d);
    }
    if (--this.all[e.level]! === 0) candidates.push(...this.entries.filter((x) => x.barrier && x.level > e.level));
    for (const s of e.subjects) {
      const counts = this.open.get(s)!;
      counts[e.level]!--;
      if (counts[e.level] === 0) candidates.push(...this.bySubject.get(s)!.filter((x) => x.level > e.level));
    }
    return this.take(candidates);
  }

  /** Every change was handed out and finished. */
  get complete(): boolean {
    return this.finishedCount === this.entries.length;
  }

  private take(candidates: readonly Entry[]): Change[] {
    const out: Change[] = [];
    for (const e of candidates) {
      if (e.started || !this.canStart(e)) continue;
      e.started = true;
      out.push(e.change);
    }
    return out;
  }

  private canStart(e: Entry): boolean {
    if (e.deps > 0) return false;
    if (e.barrier && earlierOpen(this.all, e.level)) return false;
    return e.subjects.every((s) => !earlierOpen(this.open.get(s)!, e.level));
  }
}

function earlierOpen(counts: readonly number[], level: number): boolean {
  for (let l = 0; l < level; l++) if ((counts[l] ?? 0) > 0) return true;
  return false;
}

function isBarrier(c: Change): boolean {
  return c.op === 'delete' && c.kind === 'team';
}

/** The people and teams a change touches. */
function subjectsOf(c: Change): string[] {
  const out: string[] = [];
  if (c.user) out.push(`user ${c.user.email}`);
  if (c.team) out.push(`team ${c.team.name}`);
  return out;
}
