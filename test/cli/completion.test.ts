/**
 * `orgdeck completion bash|zsh|fish`: scripts made from the program, so every command and flag
 * is in them. The bash script is run the way bash runs it on Tab; zsh and fish are checked with
 * their own parsers when installed, and by content always.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../cmd/program.js';
import { captureIo, runCli } from '../support/io.js';

const program = await buildProgram(captureIo().io, { code: 0 });
const commandNames = program.commands.map((c) => c.name());

async function script(shell: string): Promise<string> {
  const r = await runCli(['completion', shell]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** What bash offers for the words typed so far (the last one being completed). */
function complete(bashScript: string, words: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'orgdeck-compl-'));
  const path = join(dir, 'orgdeck.bash');
  writeFileSync(path, bashScript);
  const list = words.map((w) => `'${w}'`).join(' ');
  const out = execFileSync('bash', ['-c', `source '${path}'; COMP_WORDS=(${list}); COMP_CWORD=${words.length - 1}; _orgdeck; printf '%s\\n' "\${COMPREPLY[@]}"`], { cwd: dir, encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

const has = (shell: string) => spawnSync(shell, ['--version']).status === 0;

describe('orgdeck completion', () => {
  it('bash: completes commands, flags and --format values', async () => {
    const s = await script('bash');
    expect(complete(s, ['orgdeck', 'di'])).toEqual(['diff']);
    expect(complete(s, ['orgdeck', 'diff', '--for'])).toEqual(['--format']);
    expect(complete(s, ['orgdeck', 'diff', '--format', ''])).toEqual(['text', 'json', 'markdown']);
    expect(complete(s, ['orgdeck', 'explain', '--format', ''])).toEqual(['text', 'json']);
    expect(complete(s, ['orgdeck', 'report', '--format', ''])).toEqual(['html', 'csv', 'json']);
    expect(complete(s, ['orgdeck', '--no-color', 'sync', '--dry'])).toEqual(['--dry-run']);
    expect(complete(s, ['orgdeck', ''])).toEqual(expect.arrayContaining(commandNames));
    expect(complete(s, ['orgdeck', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it('bash: offers every visible flag of every command', async () => {
    const s = await script('bash');
    for (const cmd of program.commands) {
      const offered = complete(s, ['orgdeck', cmd.name(), '--']);
      const flags = cmd.options.filter((o) => !o.hidden).map((o) => o.long!);
      expect(offered, cmd.name()).toEqual(expect.arrayContaining(flags));
      expect(offered).not.toContain('--out');
    }
  });

  it.each(['zsh', 'fish'])('%s: names every command and flag', async (shell) => {
    const s = await script(shell);
    for (const cmd of program.commands) {
      expect(s).toContain(cmd.name());
      for (const o of cmd.options.filter((o) => !o.hidden)) expect(s, `${cmd.name()} ${o.long}`).toContain(shell === 'fish' ? `-l ${o.long!.slice(2)}` : `'${o.long}[`);
    }
    expect(s).toContain('text json markdown');
  });

  // Counted as skipped where the shell is missing (.ci/run installs both), never passed silently.
  for (const shell of ['zsh', 'fish']) {
    it.skipIf(!has(shell))(`${shell} parses the script (skipped where ${shell} is not installed)`, async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-compl-')), `orgdeck.${shell}`);
    writeFileSync(path, await script(shell));
    const r = spawnSync(shell, ['-n', path], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    });
  }

  it.skipIf(!has('fish'))('fish: completes commands, flags and --format values (fish installed)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-compl-')), 'orgdeck.fish');
    writeFileSync(path, await script('fish'));
    const offered = (line: string) =>
      execFileSync('fish', ['-c', `source '${path}'; complete -C '${line}'`], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(offered('orgdeck di')).toEqual(['diff']);
    expect(offered('orgdeck diff --for')).toEqual(['--format']);
    expect(offered('orgdeck diff --format ').sort()).toEqual(['json', 'markdown', 'text']);
    expect(offered('orgdeck report --format ').sort()).toEqual(['csv', 'html', 'json']);
  });

  it("zsh: report's --format offers html, csv and json, diff's text, json and markdown", async () => {
    const s = await script('zsh');
    expect(s).toContain("'--format[html, csv or json (default  the output file'\\''s extension, else html)]:value:(html csv json)'");
    expect(s).toContain("'--format[text, json or markdown]:value:(text json markdown)'");
  });

  it('refuses a shell it does not know', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bash, zsh, fish');
  });
});
