import { describe, expect, it } from 'vitest';
import { Secrets } from '../../src/text/redact.js';
import { findSecretIn } from '../../src/text/secrets-in-data.js';

const KPAT = 'kpat_DoRQeLJVS6G7lwleKI77sypGi20qT5JXKBdnpHud1mOQk4Srv';
const IN_USE = 'kpat_TESTtoken_do_not_print_0123456789abcdef';

function secrets(): Secrets {
  const s = new Secrets();
  s.add(IN_USE);
  return s;
}

describe('findSecretIn', () => {
  it('finds nothing in data that only looks like tokens', () => {
    const dump = { _format_version: '1.0', teams: [{ name: 'Ops spat_runners', description: 'rotate kpat_ tokens' }], users: [{ email: 'kpat_abcdefgh@example.com' }] };
    expect(findSecretIn(dump, secrets())).toBeUndefined();
  });

  it('names the dump item and field that hold a whole token or the token in use', () => {
    const s = secrets();
    expect(findSecretIn({ teams: [{ name: 'A' }, { name: 'Ops', description: `key ${KPAT}` }] }, s)).toBe('team "Ops", field description');
    expect(findSecretIn({ users: [{ email: 'ana@example.com', full_name: IN_USE }] }, s)).toBe('user "ana@example.com", field full_name');
    expect(findSecretIn({ teams: [{ name: 'Ops', labels: { [KPAT]: 'x' } }] }, s)).toBe('team "Ops", a key of labels');
    expect(findSecretIn({ system_accounts: [{ name: 'ci', roles: [{ role: 'Admin', entity: KPAT }] }] }, s)).toBe('system account "ci", field roles[0].entity');
  });

  it('never names an item by the token itself', () => {
    const found = findSecretIn({ teams: [{ name: 'A' }, { name: KPAT }] }, secrets());
    expect(found).toBe('team number 2, field name');
  });

  it('names a plan change by op, kind and key', () => {
    const plan = { format_version: '2.0', changes: [{ op: 'update', kind: 'team', key: 'Eng', before: { description: `key ${KPAT}` } }] };
    expect(findSecretIn(plan, secrets())).toBe('change "update team Eng", field before.description');
    expect(findSecretIn({ changes: [{ op: 'create', kind: 'team', key: KPAT }] }, secrets())).toBe('change 1 (create team), field key');
  });
});
