/**
 * `orgdeck completion bash|zsh|fish`: a completion script made from the program itself, so a
 * command or flag added later is completed without touching this file.
 */
import type { Command } from 'commander';
import type { Io } from './io.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** `exit` is the program's ExitBox, spelled out: this module is imported by program.ts. */
export function registerCompletion(program: Command, io: Io, exit: { code: number }): void {
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
