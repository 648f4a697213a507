/**
 * The documentation (README.md and docs/) and `--help` stay in step: every command and every
 * option commander knows is documented, and every option the docs name exists (on the command
 * a line of the docs runs).
 *
 * Adding a command or an option? Document it in docs/ (in backticks, e.g. `--my-flag`), in the
 * section of its command. This test walks the real program, so it needs no update.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../cmd/program.js';
import { captureIo } from './support/io.js';
import { docPages, ROOT } from './support/readme.js';

/** Flags of other tools that the docs name (npm, curl…): not orgdeck's. */
const FOREIGN_FLAGS = new Set<string>(['--cpu-prof', '--cpu-prof-dir', '--trace-gc', '--enable-source-maps']); // node's, in docs/performance.md and docs/development.md

interface Documented {
  /** e.g. "orgdeck dump" */
  name: string;
  cmd: Command;
}

function commandsOf(cmd: Command, prefix = 'orgdeck'): Documented[] {
  return [{ name: prefix, cmd }, ...cmd.commands.flatMap((c) => commandsOf(c, `${prefix} ${c.name()}`))];
}

function visibleOptions(cmd: Command): Option[] {
  return cmd.options.filter((o) => !o.hidden);
}

/** Every flag spelling of a command, including the help flags commander adds. */
function flagsOf(cmd: Command): Set<string> {
  const flags = new Set(['--help', '-h']);
  for (const o of cmd.options) {
    if (o.long) flags.add(o.long);
    if (o.short) flags.add(o.short);
  }
  return flags;
}

const program = await buildProgram(captureIo().io, { code: 0 });
const commands = commandsOf(program);
// README.md and every page of docs/, read as one text.
const readme = docPages()
  .map((page) => readFileSync(join(ROOT, page), 'utf8'))
  .join('\n');
const allFlags = new Set(commands.flatMap(({ cmd }) => [...flagsOf(cmd)]));

describe('README.md, docs/ and --help', () => {
  it('finds the commands to check (the walk itself works)', () => {
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['orgdeck validate', 'orgdeck dump', 'orgdeck diff', 'orgdeck sync', 'orgdeck serve']));
    expect(commands.find((c) => c.name === 'orgdeck sync')!.cmd.options.map((o) => o.long)).toContain('--dry-run');
  });

  it.each(commands.filter((c) => c.name !== 'orgdeck' && c.name !== 'orgdeck help').map((c) => [c.name]))('documents the command `%s`', (name) => {
    expect(new RegExp(`${escapeRegExp(name)}(?![\\w-])`).test(readme), `neither README.md nor docs/ shows \`${name}\`: give it a section in docs/commands.md`).toBe(true);
  });

  it.each(commands.map((c) => [c.name, c.cmd] as const))('documents every option of `%s`', (name, cmd) => {
    const missing = visibleOptions(cmd)
      .map((o) => o.long ?? o.short!)
      .filter((flag) => !new RegExp(`(^|[^\\w-])${escapeRegExp(flag)}(?![\\w-])`).test(readme));
    expect(missing, `neither README.md nor docs/ mentions ${missing.join(', ')} of \`${name}\`: document it in the command's section`).toEqual([]);
  });

  it('names only options that exist', () => {
    const named = [...readme.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]);
    const unknown = [...new Set(named.filter((f) => !allFlags.has(f) && !FOREIGN_FLAGS.has(f)))];
    expect(unknown, `README.md or docs/ names ${unknown.join(', ')}, which no orgdeck command has`).toEqual([]);
  });

  it('runs each command with options it has', () => {
    const wrong: string[] = [];
    for (const line of readme.split('\n')) {
      const run = /orgdeck ((?:[a-z][a-z-]* ?)+)/.exec(line);
      if (!run) continue;
      const target = longestCommand(run[1]!.trim().split(' '));
      if (!target) continue;
      // The invocation ends where its code span or a shell comment does.
      const rest = line.slice(run.index).split(/`| #/)[0]!;
      for (const m of rest.matchAll(/(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])/g)) {
        if (!flagsOf(target.cmd).has(m[1]!) && !flagsOf(program).has(m[1]!)) wrong.push(`${target.name} ${m[1]}  (in: ${line.trim()})`);
      }
    }
    expect(wrong, `README.md or docs/ runs commands with options they do not have:\n${wrong.join('\n')}`).toEqual([]);
  });
});

/** The deepest command named by the words after `orgdeck`, or undefined when the first word is none. */
function longestCommand(words: string[]): Documented | undefined {
  let found: Documented | undefined;
  for (let n = 1; n <= words.length; n++) {
    const hit = commands.find((c) => c.name === `orgdeck ${words.slice(0, n).join(' ')}`);
    if (!hit) break;
    found = hit;
  }
  return found;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
