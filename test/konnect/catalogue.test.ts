/** GET /v3/roles is read at the edge: group keys map to the entity types assignments use; bad shapes are skipped. */
import { describe, expect, it } from 'vitest';
import { readCatalogue } from '../../src/konnect/fetch-online.js';
import { renderCatalogue } from '../../src/local-org/http/render.js';

describe('readCatalogue', () => {
  it('maps "Mesh Control Plane" to the entity type Mesh Control Planes, and keeps groups it does not know', () => {
    const roles = readCatalogue({
      mesh_control_planes: { name: 'Mesh Control Plane', roles: { admin: { name: 'Admin' } } },
      metering: { name: 'Metering', roles: { ingest: { name: 'Ingest' }, broken: 7 } },
      junk: 'not a group',
    });
    expect([...roles]).toEqual([
      ['Mesh Control Planes', new Set(['Admin'])],
      ['Metering', new Set(['Ingest'])],
    ]);
    expect(readCatalogue(null).size).toBe(0);
  });

  it('reads the local org\'s spec catalogue as the spec\'s seven groups, without documented-only roles', () => {
    const roles = readCatalogue(renderCatalogue('spec'));
    expect([...roles.keys()].sort()).toEqual(['API Products', 'Audit Logs', 'Control Planes', 'Dashboards', 'Identity', 'Mesh Control Planes', 'Reports']);
    expect(roles.get('Control Planes')?.has('Cloud Gateway Cluster Admin')).toBe(false);
    expect(readCatalogue(renderCatalogue()).get('Control Planes')?.has('Cloud Gateway Cluster Admin')).toBe(true);
  });
});
