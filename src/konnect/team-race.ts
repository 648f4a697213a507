/**
 * Creating a team while another sync may be creating it too. Konnect allows duplicate team
 * names, so two runs that both planned "create team X" would leave two teams X, and every later
 * sync would refuse the ambiguity. So look by name right before creating and right after. Every
 * run keeps the oldest team of the name (then the smallest id), so concurrent runs agree on which
 * one stays, and each deletes only a copy it made itself.
 */
import { type Outcome, createTeam, remove } from './actions.js';
import type { ApiTeam, Page } from './api-types.js';
import type { KonnectClient } from './client.js';

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
  const res = await client.call<Page<Listed>>('global', 'GET', '/v3/teams', { query: { 'filter[name][eq]': name, 'page[size]': 100 } });
  return (res.body?.data ?? []).filter((t) => t.name === name && t.system_team !== true);
}

function oldest(teams: Listed[]): Listed | undefined {
  return [...teams].sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.id.localeCompare(b.id))[0];
}
