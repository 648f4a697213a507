/** Every command's --help ends with examples and a pointer to its page in docs/, which exists. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../cmd/program.js';
import { captureIo, runCli } from '../support/io.js';
import { anchorsOf } from '../support/links.js';
import { ROOT } from '../support/readme.js';

const program = await buildProgram(captureIo().io, { code: 0 });

describe('the end of each command --help', () => {
  it.each(program.commands.map((c) => [c.name()]))('orgdeck %s --help: examples, then a docs page that exists', async (name) => {
    const r = await runCli([name, '--help']);
    expect(r.code).toBe(0);
    const tail = r.stdout.split('\nExamples:\n')[1];
    expect(tail, `orgdeck ${name} --help has no Examples: add it to HELP_FOOTERS in cmd/help-examples.ts`).toBeDefined();
    const examples = tail!.split('\n\n')[0]!.split('\n');
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const e of examples) expect(e).toMatch(new RegExp(`^ {2}\\$ .*orgdeck (${name}|--version)`));
    const see = /\nSee (docs\/[\w./-]+\.md)#([\w-]+)\n+$/.exec(tail!);
    expect(see, tail).not.toBeNull();
    const [, page, anchor] = see!;
    expect(existsSync(join(ROOT, page!)), page).toBe(true);
    expect([...anchorsOf(readFileSync(join(ROOT, page!), 'utf8'))]).toContain(anchor);
  });
});
