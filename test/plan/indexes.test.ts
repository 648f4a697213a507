/**
 * The indexes the diff and the plan build over a state are built by their owner for one use,
 * never kept in a hidden cache keyed by an object that can change: a state changed in place and
 * planned again is read afresh, and one index never answers for another question.
 */
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/diff/context.js';
import { principalSets } from '../../src/diff/principals.js';
import { serializeLive } from '../../src/file/serialize.js';
import type { LiveEntity } from '../../src/model.js';
import { teamsOf } from '../../src/plan/access-changes.js';
import { buildPlan } from '../../src/plan/build.js';
import { desiredState, desiredUser, liveState, liveUser } from '../support/builders.js';

const prod: LiveEntity = { id: 'c1000000-0000-4000-8000-000000000001', name: 'prod', region: 'us', entityType: 'Control Planes' };
const admin = (entity: string) => ({ role: 'Admin', entityType: 'Control Planes', entity, region: 'us' as const });

describe('entity lookups', () => {
  it('a live entity renamed in place is found by its new name in the next plan', () => {
    const owner = liveUser('owner@example.com');
    const ana = liveUser('ana@example.com');
    const live = { ...liveState([owner, ana]), entities: [prod] };
    const first = buildPlan(desiredState([desiredUser('owner@example.com'), desiredUser('ana@example.com', { roles: [admin('prod')] })]), live);
    expect(first.changes.find((c) => c.kind === 'user-role')?.grant?.entity_id).toBe(prod.id);

    // Same list, same length, one entity renamed: a cache keyed by the list would still say "prod".
    live.entities[0] = { ...prod, name: 'production' };
    const second = buildPlan(desiredState([desiredUser('owner@example.com'), desiredUser('ana@example.com', { roles: [admin('production')] })]), live);
    expect(second.changes.find((c) => c.kind === 'user-role')?.grant).toMatchObject({ entity: 'production', entity_id: prod.id });
  });

  it('dump names an entity as the list says now', () => {
    const owner = liveUser('owner@example.com', { roles: [{ id: 'r1', role: 'Admin', entityType: 'Control Planes', entityId: prod.id, region: 'us' }] });
    const live = { ...liveState([owner]), entities: [prod] };
    expect(serializeLive(live)).toContain('entity: prod\n');
    live.entities[0] = { ...prod, name: 'production' };
    expect(serializeLive(live)).toContain('entity: production\n');
  });
});

describe('principals', () => {
  it('are read from the context each time they are asked for', () => {
    const ctx = buildContext(desiredState([desiredUser('owner@example.com')]), liveState([liveUser('owner@example.com')]));
    expect(principalSets(ctx)[0]!.desired.map((p) => p.key)).toEqual(['owner@example.com']);
    ctx.desired.users.push(desiredUser('ana@example.com'));
    expect(principalSets(ctx)[0]!.desired.map((p) => p.key)).toEqual(['owner@example.com', 'ana@example.com']);
  });
});

describe('teamsOf', () => {
  const members = new Map([
    ['Platform', new Set(['ana', 'bo'])],
    ['Audit', new Set(['bo', 'cy'])],
  ]);

  it('answers for the principals it is asked about, sorted by team, whatever it was asked before', () => {
    expect([...teamsOf(members, new Set(['ana']))]).toEqual([['ana', ['Platform']]]);
    // The same memberships, other principals: a cache keyed by the memberships alone answered "ana" again.
    expect([...teamsOf(members, new Set(['bo', 'cy']))]).toEqual([['bo', ['Audit', 'Platform']], ['cy', ['Audit']]]);
  });

  it('sees a membership added to the same map', () => {
    const mutable = new Map([['Platform', new Set(['ana'])]]);
    expect(teamsOf(mutable, new Set(['ana'])).get('ana')).toEqual(['Platform']);
    mutable.set('Audit', new Set(['ana']));
    expect(teamsOf(mutable, new Set(['ana'])).get('ana')).toEqual(['Audit', 'Platform']);
  });
});
