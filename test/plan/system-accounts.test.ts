/** System accounts in the plan: principals like users, Konnect's own left alone, guards counting them. */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import { buildPlan } from '../../src/plan/build.js';
import { ResolveError } from '../../src/errors.js';
import { checkGuards } from '../../src/plan/guards.js';
import { renderMarkdown } from '../../src/plan/render-markdown.js';
import { changeId } from '../../src/plan/types.js';
import { desiredAccount, desiredState, desiredTeam, desiredUser, liveAccount, liveState, liveTeam, liveUser } from '../support/builders.js';

const owner = liveUser('owner@example.com');
const keepOwner = desiredUser('owner@example.com', { teams: ['Organization Admin'] });

describe('system accounts in the plan', () => {
  it('a new account needs a description: Konnect requires one to create it', () => {
    const live = { ...liveState([owner]), systemAccounts: [] };
    const desired = { ...desiredState([keepOwner]), systemAccounts: [desiredAccount('bot', { description: undefined })] };
    expect(() => buildPlan(desired, live)).toThrow(ResolveError);
    try {
      buildPlan(desired, live);
    } catch (err) {
      expect((err as ResolveError).reasons).toEqual(['System account "bot" does not exist in Konnect yet, and Konnect needs a description to create one. Give it a description in the file.']);
    }
  });

  it('an omitted description is not managed for an existing account', () => {
    const live = { ...liveState([owner]), systemAccounts: [liveAccount('bot', { description: 'whatever' })] };
    const desired = { ...desiredState([keepOwner]), systemAccounts: [desiredAccount('bot', { description: undefined })] };
    expect(buildPlan(desired, live).changes).toEqual([]);
  });

  it('memberships and grants of a new account wait for its creation; a team it joins waits for the team', () => {
    const live = { ...liveState([owner]), systemAccounts: [] };
    const grant = { role: 'Viewer', entityType: 'Control Planes', entity: '*', region: '*' as const };
    const desired = {
      ...desiredState([keepOwner], [desiredTeam('Bots')]),
      systemAccounts: [desiredAccount('bot', { teams: ['Bots'], roles: [grant] })],
    };
    const plan = buildPlan(desired, live);
    const create = changeId({ op: 'create', kind: 'system-account', key: 'bot' });
    expect(plan.changes.map((c) => [changeId(c), c.depends_on ?? []])).toEqual([
      ['create team Bots', []],
      [create, []],
      ['create system-account-membership Bots/bot', [create, 'create team Bots']],
      ['create system-account-role bot/Viewer/Control Planes/*/*', [create]],
    ]);
  });

  it('a removal of an account\'s access waits for the additions that replace it', () => {
    const old = liveTeam('Old');
    const live = { ...liveState([owner], [old]), systemAccounts: [liveAccount('bot', { teamIds: [old.id] })] };
    const desired = { ...desiredState([keepOwner], [desiredTeam('Old'), desiredTeam('New')]), systemAccounts: [desiredAccount('bot', { teams: ['New'] })] };
    const remove = buildPlan(desired, live).changes.find((c) => c.op === 'delete')!;
    expect(changeId(remove)).toBe('delete system-account-membership Old/bot');
    expect(remove.depends_on).toEqual(['create system-account-membership New/bot']);
  });

  it('never deletes or changes an account Konnect manages; what the file asks of it becomes a note', () => {
    const team = liveTeam('Platform');
    const mesh = liveAccount('mesh', { konnectManaged: true, teamIds: [team.id] });
    const live = { ...liveState([owner], [team]), systemAccounts: [mesh] };
    const unlisted = buildPlan({ ...desiredState([keepOwner], [desiredTeam('Platform')]), systemAccounts: [] }, live);
    expect(unlisted.changes).toEqual([]);
    expect(unlisted.notes).toBeUndefined();
    const listed = buildPlan({ ...desiredState([keepOwner], [desiredTeam('Platform')]), systemAccounts: [desiredAccount('mesh', { description: 'changed' })] }, live);
    expect(listed.changes).toEqual([]);
    expect(listed.notes).toEqual([{ topic: 'konnect-managed', count: 2, message: expect.stringContaining('(mesh) is managed by Konnect, so orgdeck leaves 2 differences') }]);
  });

  it('deleting a team takes the account\'s membership with it: no separate removal', () => {
    const team = liveTeam('Gone');
    const live = { ...liveState([owner], [team]), systemAccounts: [liveAccount('bot', { teamIds: [team.id] })] };
    const plan = buildPlan({ ...desiredState([keepOwner], []), systemAccounts: [desiredAccount('bot')] }, live);
    expect(plan.changes.map(changeId)).toEqual(['delete team Gone']);
  });

  it('the mass-deletion guard counts system accounts, at its boundary', () => {
    const accounts = Array.from({ length: 12 }, (_, i) => liveAccount(`bot-${String(i).padStart(2, '0')}`));
    const live = { ...liveState([owner]), systemAccounts: [...accounts, liveAccount('mesh', { konnectManaged: true })] };
    const keep = (n: number) => ({ ...desiredState([keepOwner]), systemAccounts: accounts.slice(0, n).map((a) => desiredAccount(a.name, { description: a.description ?? undefined })) });
    expect(checkGuards(buildPlan(keep(9), live), live, { force: false })).toEqual([]);
    const refused = checkGuards(buildPlan(keep(8), live), live, { force: false });
    expect(refused.map((r) => [r.guard, r.overridable, r.message])).toEqual([
      ['mass-deletion', true, expect.stringContaining('deletes 4 of 12 system accounts (33.3%)')],
    ]);
    expect(checkGuards(buildPlan(keep(8), live), live, { force: true })).toEqual([]);
  });
});

describe('a plan with system accounts, as JSON and markdown', () => {
  it('is valid against schemas/plan.schema.json, notes included, and groups accounts in the markdown', () => {
    const old = liveTeam('Old');
    const team = liveTeam('Platform');
    const live = {
      ...liveState([owner], [old, team]),
      systemAccounts: [liveAccount('bot', { teamIds: [old.id] }), liveAccount('gone'), liveAccount('mesh', { konnectManaged: true })],
    };
    const desired = {
      ...desiredState([keepOwner], [desiredTeam('Old'), desiredTeam('Platform')]),
      systemAccounts: [desiredAccount('bot', { description: 'new words', teams: ['Platform'] }), desiredAccount('new'), desiredAccount('mesh', { teams: ['Platform'] })],
    };
    const plan = JSON.parse(JSON.stringify(buildPlan(desired, live)));
    const validate = new Ajv({ strict: false }).compile(planSchema);
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
    expect(plan.notes).toHaveLength(1);
    const md = renderMarkdown(plan);
    expect(md).toContain('Changes by system account');
    expect(md).toContain('- `bot` will have description changed from "bot account" to "new words", join Platform and leave Old');
    expect(md).toContain('- `gone` will be deleted (with its memberships, grants and access tokens)');
    expect(md).toContain('- `new` will be created');
    expect(md).toContain('**Note:** 1 system account in the file (mesh) is managed by Konnect');
  });
});

describe('dump of system accounts', () => {
  it('lists them last, a Konnect-managed one after a comment saying so, and loads back', async () => {
    const { serializeLive } = await import('../../src/file/serialize.js');
    const { loadDesiredState } = await import('../../src/file/load.js');
    const { sourceFromText } = await import('../../src/file/source.js');
    const team = liveTeam('Platform');
    const live = { ...liveState([owner], [team]), systemAccounts: [liveAccount('mesh', { konnectManaged: true, teamIds: [team.id] }), liveAccount('bot')] };
    const text = serializeLive(live);
    expect(text).toContain('system_accounts:\n  - name: bot\n    description: bot account\n  # Managed by Konnect: orgdeck never changes or deletes this account.\n  - name: mesh\n    description: mesh account\n    konnect_managed: true\n    teams:\n      - Platform\n');
    const back = loadDesiredState([sourceFromText('dump.yaml', text)], {});
    expect(back.problems).toEqual([]);
    expect(buildPlan(back.state!, live).changes).toEqual([]);
  });
});

describe('system accounts in "Access changes by person"', () => {
  it('an account gains a team role through a new membership and loses its direct grant; a deleted account loses everything', () => {
    const ops = liveTeam('Ops', { roles: [{ id: 'r1', role: 'Admin', entityType: 'Control Planes', entityId: '*', region: '*' }] });
    const direct = { id: 'r2', role: 'Viewer', entityType: 'Control Planes', entityId: '*', region: '*' as const };
    const bot = liveAccount('bot', { roles: [direct] });
    const old = liveAccount('old-bot', { teamIds: [ops.id] });
    const live = { ...liveState([owner], [ops]), systemAccounts: [bot, old] };
    const desired = {
      ...desiredState([keepOwner], [desiredTeam('Ops', { roles: [{ role: 'Admin', entityType: 'Control Planes', entity: '*', region: '*' }] })]),
      systemAccounts: [desiredAccount('bot', { teams: ['Ops'] })],
    };
    const plan = buildPlan(desired, live);
    const changes = plan.access_changes ?? [];
    expect(changes.map((c) => [c.principal.kind, c.principal.key, c.status ?? '', c.gained.length, c.lost.length])).toEqual([
      ['system-account', 'bot', '', 2, 1],
      ['system-account', 'old-bot', 'removed', 0, 2],
    ]);
    expect(new Ajv({ strict: false }).validate(planSchema, plan)).toBe(true);
    const md = renderMarkdown(plan);
    expect(md).toContain('- system account `bot`: **gains** member of Ops; Admin on Control Planes');
    expect(md).toContain('- system account `old-bot` (removed from the organization): **loses** member of Ops');
  });
});
