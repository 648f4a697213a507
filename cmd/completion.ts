/**
 * `orgdeck completion bash|zsh|fish`: a completion script made from the program itself, so a
 * command or flag added later is completed without touching this file.
 */
import { type Command, Option } from 'commander';
import type { Io } from './io.js';
import type { ExitBox } from './program.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

export function registerCompletion(program: Command, io: Io, exit: ExitBox): void {
  program
    .command('completion')
    .description('print a completion script for bash, zsh or fish (commands, flags, --format values)')
    .addArgument(program.createArgument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .action(async (shell: Shell) => {
      // Loaded when asked for: no other command needs the generator.
      const { completionScript } = await import('./completion-scripts.js');
      io.stdout(completionScript(shell, program));
      exit.code = 0;
    });
}

/** What a shell may offer for one command: its visible flags, and the values some of them take. */
export interface Completable {
  name: string;
  description: string;
  flags: { name: string; description: string; takesValue: boolean; values?: readonly string[] }[];
  /** The choices of its first argument (completion's shells), when it declares them. */
  args?: readonly string[];
}

export function completablesOf(program: Command, valuesOf: (o: Option) => readonly string[] | undefined): { top: Completable; commands: Completable[] } {
  const describe = (cmd: Command, name: string): Completable => ({
    name,
    description: cmd.description(),
    flags: [...cmd.options.filter((o) => !o.hidden && o.long), new Option('--help', 'show help')].map((o) => {
      const values = valuesOf(o);
      return { name: o.long!, description: o.description, takesValue: o.required || o.optional, ...(values ? { values } : {}) };
    }),
    ...(cmd.registeredArguments[0]?.argChoices ? { args: cmd.registeredArguments[0].argChoices } : {}),
  });
  const commands = program.commands.map((c) => describe(c, c.name()));
  return { top: describe(program, ''), commands };
}
