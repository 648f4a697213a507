/**
 * A valid file read by the fast path is never parsed again unless a message needs a position:
 * loading it and resolving its grants build no YAML syntax tree (the tree of a 10,000-user file
 * costs seconds and hundreds of megabytes); a problem still names its file:line:col.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as yaml from 'yaml';
import { indexEntities, resolveGrant } from '../../src/resolve.js';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';
import type { LiveEntity } from '../../src/model.js';

vi.mock('yaml', async (original) => {
  const real = await original<typeof import('yaml')>();
  return { ...real, parseDocument: vi.fn(real.parseDocument) };
});

const ROOT = join(import.meta.dirname, '../..');

describe('positions are worked out only when a message needs one', () => {
  it('loading a valid file and resolving its grants parses no syntax tree; a problem locates its grant', () => {
    const parse = vi.mocked(yaml.parseDocument);
    parse.mockClear();
    const r = loadDesiredState([sourceFromText('org.yaml', readFileSync(join(ROOT, 'examples/org.yaml'), 'utf8'))], {});
    expect(r.problems).toEqual([]);
    const platform = r.state!.teams.find((t) => t.name === 'Platform')!;
    const grant = platform.roles.find((g) => g.entity === 'prod-us')!;
    const prodUs: LiveEntity = { id: 'c1000000-0000-4000-8000-000000000001', name: 'prod-us', region: 'us', entityType: 'Control Planes' };
    expect(resolveGrant(grant, indexEntities([prodUs]), 'team Platform').ok).toBe(true);
    expect(parse).not.toHaveBeenCalled();

    const missing = resolveGrant(grant, indexEntities([]), 'team Platform');
    expect(missing.ok).toBe(false);
    expect((missing as { problem: string }).problem).toMatch(/^org\.yaml:\d+:\d+ {2}team Platform: Admin on Control Planes "prod-us"/);
    expect(parse).toHaveBeenCalledTimes(1);
  });
});
