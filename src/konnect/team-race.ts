/**
 * Creating a team while another sync may be creating it too. Konnect allows duplicate team
 * names, so two runs that both planned "create team X" would leave two teams X, and every later
 * sync would refuse the ambiguity. So look by name right before creating and right after. Every
 * run keeps the oldest team of the name (then the smallest id), so concurrent runs agree on which
 * one stays, and each deletes only a copy it made itself.
 */
import { type Outcome, createTeam, remove } from './actions.js';
import type { ApiTeam } from './api-types.js';
import type { KonnectClient } from './client.js';
import { checkShape, SHAPES } from './shape.js';

export interface TeamBody {
  name: string;
  description?: string;
  labels?: Record<string, string>;
}

export interface CreatedTeam {
  id: string;
  outcome: Outcome;
  /** Said to the operator when another run got there first. */
  note?: string;
}

type Listed = ApiTeam & { created_at?: string };

export async function createTeamOnce(client: KonnectClient, body: TeamBody): Promise<CreatedTeam> {
  const before = oldest(await teamsNamed(client, body.name));
  if (before) {
    return { id: before.id, outcome: 'already', note: `Team "${body.name}" appeared after orgdeck read the organization (another sync running at the same time?); using it (id ${before.id}) instead of creating a second one.` };
  }
  const id = await createTeam(client, body);
  const keep = oldest(await teamsNamed(client, body.name));
  if (!keep || keep.id === id) return { id, outcome: 'done' };
  await remove(client, `/v3/teams/${id}`);
  return { id: keep.id, outcome: 'already', note: `Another sync created team "${body.name}" at the same time; kept that one (id ${keep.id}) and deleted the copy this run had just made (id ${id}).` };
}

async function teamsNamed(client: KonnectClient, name: string): Promise<Listed[]> {
  const res = await client.call('global', 'GET', '/v3/teams', { query: { 'filter[name][eq]': name, 'page[size]': 100 } });
  return checkShape(SHAPES.teams, res.body, 'GET', '/v3/teams', res.status).data.filter((t) => t.name === name && !t.system_team);
}

/** The spec's created_at (date-time); a team without one sorts by id alone, the same in every run. */
function oldest(teams: Listed[]): Listed | undefined {
  const created = (t: Listed) => {
    const at = typeof t.created_at === 'string' ? Date.parse(t.created_at) : Number.NaN;
    return Number.isNaN(at) ? 0 : at;
  };
  return [...teams].sort((a, b) => created(a) - created(b) || a.id.localeCompare(b.id))[0];
}
