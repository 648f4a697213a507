/**
 * The schedule: a change starts when what it depends on is done, not when a whole level is;
 * the order of LEVELS still holds for each person and each team.
 */
import { describe, expect, it } from 'vitest';
import { Schedule } from '../../src/apply/schedule.js';
import { type Change, changeId } from '../../src/plan/types.js';

const invite = (email: string): Change => ({ op: 'create', kind: 'user', key: email, user: { email } });
const join = (team: string, email: string, newUser = false): Change => ({
  op: 'create', kind: 'team-membership', key: `${team}/${email}`, user: { email }, team: { name: team, id: `id-${team}` },
  ...(newUser ? { depends_on: [`create user ${email}`] } : {}),
});
const leave = (team: string, email: string): Change => ({ op: 'delete', kind: 'team-membership', key: `${team}/${email}`, user: { email, id: `u-${email}` }, team: { name: team, id: `id-${team}` } });
const rename = (email: string): Change => ({ op: 'update', kind: 'user', key: email, user: { email, id: `u-${email}` } });
const removeUser = (email: string): Change => ({ op: 'delete', kind: 'user', key: email, user: { email, id: `u-${email}` } });
const ids = (cs: readonly Change[]) => cs.map(changeId).sort();

describe('Schedule', () => {
  it('starts changes about different people at once, whatever their level', () => {
    const s = new Schedule([invite('a@x'), rename('b@x'), leave('T', 'c@x'), removeUser('d@x')]);
    expect(ids(s.ready())).toEqual(['create user a@x', 'delete team-membership T/c@x', 'delete user d@x', 'update user b@x']);
  });

  it('keeps the level order for one person: add before remove, remove before deleting them', () => {
    const add = join('A', 'p@x');
    const drop = leave('B', 'p@x');
    const gone = removeUser('q@x');
    const dropQ = leave('B', 'q@x');
    const s = new Schedule([add, drop, dropQ, gone]);
    // q's removal from B need not wait for p's addition to A: another person, another team.
    expect(ids(s.ready())).toEqual(['create team-membership A/p@x', 'delete team-membership B/q@x']);
    expect(ids(s.finish(dropQ))).toEqual(['delete user q@x']);
    expect(ids(s.finish(add))).toEqual(['delete team-membership B/p@x']);
    expect(s.finish(drop)).toEqual([]);
    expect(s.finish(gone)).toEqual([]);
    expect(s.complete).toBe(true);
  });

  it('a membership of a new user waits for its invite only, not for other invites', () => {
    const a = invite('a@x');
    const b = invite('b@x');
    const joinA = join('T', 'a@x', true);
    const s = new Schedule([a, b, joinA]);
    expect(ids(s.ready())).toEqual(['create user a@x', 'create user b@x']);
    expect(ids(s.finish(a))).toEqual(['create team-membership T/a@x']);
    expect(s.finish(b)).toEqual([]);
  });

  it('deleting a team waits for every earlier level: it takes access from members the plan does not name', () => {
    const add = join('A', 'p@x');
    const drop: Change = { op: 'delete', kind: 'team', key: 'B', team: { name: 'B', id: 'id-B' } };
    const s = new Schedule([add, drop]);
    expect(ids(s.ready())).toEqual(['create team-membership A/p@x']);
    expect(ids(s.finish(add))).toEqual(['delete team B']);
  });

  it('ignores a dependency the plan does not hold (left out by --no-deletes)', () => {
    const c: Change = { ...join('T', 'a@x'), depends_on: ['delete user-role gone'] };
    expect(ids(new Schedule([c]).ready())).toEqual([changeId(c)]);
  });

  it('hands out every change exactly once, and all of them, for a plan of every level', () => {
    const changes = [invite('a@x'), join('T', 'a@x', true), rename('b@x'), leave('T', 'b@x'), join('U', 'b@x'), removeUser('c@x'), leave('T', 'c@x')];
    const s = new Schedule(changes);
    const handed: Change[] = [];
    const queue = s.ready();
    while (queue.length) {
      const c = queue.shift()!;
      handed.push(c);
      queue.push(...s.finish(c));
    }
    expect(ids(handed)).toEqual(ids(changes));
    expect(s.complete).toBe(true);
  });
});
