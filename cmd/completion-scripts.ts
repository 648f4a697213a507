/** The completion scripts, one per shell, from what the program declares. */
import { type Command, Option } from 'commander';
import { EVERY_FORMAT } from './env-flags.js';

/**
 * Values worth offering: declared choices, and those of --format (checked by the command, not
 * commander), which its help names, in the help's order: explain's takes text or json only,
 * report's html, csv or json.
 */
function valuesOf(option: Option): readonly string[] | undefined {
  if (option.argChoices) return option.argChoices;
  if (option.long !== '--format') return undefined;
  const named = (f: string) => option.description.search(new RegExp(`\\b${f}\\b`));
  return [...EVERY_FORMAT].filter((f) => named(f) >= 0).sort((a, b) => named(a) - named(b));
}

/** What a shell may offer for one command: its visible flags, and the values some of them take. */
interface Completable {
  name: string;
  description: string;
  flags: { name: string; description: string; takesValue: boolean; values?: readonly string[] }[];
  /** The choices of its first argument (completion's shells), when it declares them. */
  args?: readonly string[];
}

function completablesOf(program: Command, valuesOf: (o: Option) => readonly string[] | undefined): { top: Completable; commands: Completable[] } {
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

export function completionScript(shell: 'bash' | 'zsh' | 'fish', program: Command): string {
  const { top, commands } = completablesOf(program, valuesOf);
  if (shell === 'bash') return bash(top, commands);
  if (shell === 'zsh') return zsh(top, commands);
  return fish(top, commands);
}

const words = (list: readonly string[]) => list.join(' ');

function bash(top: Completable, commands: Completable[]): string {
  // "COMMAND FLAG" → what follows the flag: its values, or a file name.
  const answers = new Map<string, string[]>();
  for (const c of [top, ...commands]) {
    for (const f of c.flags.filter((f) => f.takesValue)) {
      const answer = f.values ? `COMPREPLY=($(compgen -W "${words(f.values)}" -- "$cur"))` : 'COMPREPLY=($(compgen -f -- "$cur"))';
      answers.set(answer, [...(answers.get(answer) ?? []), `"${c.name} ${f.name}"`]);
    }
  }
  const valueCases = [...answers].map(([answer, patterns]) => `    ${patterns.join('|')}) ${answer}; return ;;`);
  const commandCases = commands.map((c) => `    ${c.name}) flags="${words(c.flags.map((f) => f.name))}"${c.args ? `; args="${words(c.args)}"` : ''} ;;`);
  return `# orgdeck completion for bash. Load it with: source <(orgdeck completion bash)
_orgdeck() {
  local cur prev cmd flags args i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev=""
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for (( i = 1; i < COMP_CWORD; i++ )); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$cmd $prev" in
${valueCases.join('\n')}
  esac
  case "$cmd" in
    "") COMPREPLY=($(compgen -W "${words([...commands.map((c) => c.name), ...top.flags.map((f) => f.name)])}" -- "$cur")); return ;;
${commandCases.join('\n')}
    *) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  elif [[ -n "$args" ]]; then
    COMPREPLY=($(compgen -W "$args" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _orgdeck orgdeck
`;
}

/** Text inside a zsh single-quoted spec: no brackets or colons (they end a description there). */
function zshText(s: string): string {
  return s.replace(/[[\]:\\]/g, ' ').replaceAll("'", "'\\''");
}

function zsh(top: Completable, commands: Completable[]): string {
  const spec = (f: Completable['flags'][number]) => {
    const value = f.values ? `:value:(${words(f.values)})` : f.takesValue ? ':value:_files' : '';
    return `'${f.name}[${zshText(f.description)}]${value}'`;
  };
  const cases = commands.map((c) => `    ${c.name}) _arguments ${c.flags.map(spec).join(' ')} ${c.args ? `'1:shell:(${words(c.args)})'` : "'*:file:_files'"} ;;`);
  return `#compdef orgdeck
# orgdeck completion for zsh. Load it with: source <(orgdeck completion zsh)
_orgdeck() {
  local -a commands
  commands=(${commands.map((c) => `'${zshText(c.name)}:${zshText(c.description)}'`).join(' ')})
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    _arguments ${top.flags.map(spec).join(' ')}
    return
  fi
  case \${words[2]} in
${cases.join('\n')}
  esac
}
compdef _orgdeck orgdeck
`;
}

function fish(top: Completable, commands: Completable[]): string {
  const q = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  const flag = (condition: string, f: Completable['flags'][number]) =>
    `complete -c orgdeck -n ${q(condition)} -l ${f.name.slice(2)}${f.values ? ` -x -a ${q(words(f.values))}` : f.takesValue ? ' -r' : ''} -d ${q(f.description)}`;
  return `# orgdeck completion for fish. Load it with: orgdeck completion fish | source
${commands.map((c) => `complete -c orgdeck -n __fish_use_subcommand -f -a ${c.name} -d ${q(c.description)}`).join('\n')}
${top.flags.map((f) => flag('__fish_use_subcommand', f)).join('\n')}
${commands.flatMap((c) => c.flags.map((f) => flag(`__fish_seen_subcommand_from ${c.name}`, f))).join('\n')}
${commands.filter((c) => c.args).map((c) => `complete -c orgdeck -n ${q(`__fish_seen_subcommand_from ${c.name}`)} -f -a ${q(words(c.args!))}`).join('\n')}
`;
}
