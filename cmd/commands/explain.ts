/** `orgdeck explain EMAIL [PATH...]`: one person's access today and after sync, and where each comes from. */
import type { Command } from 'commander';
import { personScopeOf } from '../../src/diff/scope.js';
import { UsageError } from '../../src/errors.js';
import { explainAccess } from '../../src/explain/explain.js';
import { renderExplainText } from '../../src/explain/render-text.js';
import { escapeControls, escapeLines } from '../../src/text/terminal.js';
import { fetchPersonState } from '../../src/konnect/fetch-person.js';
import { addConnectionOptions, type ConnectionFlags, makeClient } from '../connection.js';
import { pickFormat } from '../env-flags.js';
import type { DesiredState } from '../../src/model.js';
import type { Io } from '../io.js';
import type { ExitBox } from '../exit-box.js';
import { loadStateFromPaths } from '../state.js';

interface ExplainFlags extends ConnectionFlags {
  format: string;
}

export function registerExplain(program: Command, io: Io, exit: ExitBox): void {
  const cmd = program
    .command('explain')
    .description('show every access a person holds today and will hold after sync, and where each comes from (changes nothing)')
    .argument('<email>', 'the person, by email (case-insensitive)')
    .argument('[path...]', 'state files, directories, or - for stdin', ['orgdeck.yaml'])
    .option('--format <format>', 'text or json', 'text');
  addConnectionOptions(cmd).action(async (email: string, paths: string[], flags: ExplainFlags) => {
    const format = pickFormat(io, flags.format, ['text', 'json'], 'text');
    const { state: desired } = loadStateFromPaths(paths, io);
    const wanted = email.trim().toLowerCase();
    if (!wanted.includes('@')) throw new UsageError(`explain takes a person's email, and "${escapeControls(email)}" is not one (${whatElseItIs(wanted, desired)}). Give an email, e.g. orgdeck explain ana@example.com.`);
    const live = await fetchPersonState(makeClient(flags, io), wanted, personScopeOf(desired, wanted));
    const result = explainAccess(wanted, desired, live, (io.now?.() ?? new Date()).getTime());
    if (!result) throw new UsageError(`${wanted} is neither in the state files nor in the organization. Check the spelling.`);
    io.stdout(format === 'json' ? `${JSON.stringify(result.explanation, null, 2)}\n` : renderExplainText(result));
    for (const p of result.problems) io.stderr(`Warning: ${escapeLines(p)}\n`);
    exit.code = 0;
  });
}

/** What a name given instead of an email is, for the way out: explain has no team view, report has. */
function whatElseItIs(name: string, desired: DesiredState): string {
  const team = desired.teams.find((t) => t.name.toLowerCase() === name);
  if (team) {
    const members = desired.users.filter((u) => u.teams.includes(team.name)).length;
    return `it is a team, with ${members} member${members === 1 ? '' : 's'} in the file: orgdeck report lists every access held through it, and explain one member's email shows theirs`;
  }
  if (desired.systemAccounts?.some((a) => a.name.toLowerCase() === name)) return "it is a system account: a system account's access is in orgdeck report";
  return "a team's or a system account's access is in orgdeck report";
}
