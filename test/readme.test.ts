/** The README and docs/ show real output: these tests keep them so. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/io.js';
import { seededOrg } from './support/org.js';
import { ROOT, readmeBlock } from './support/readme.js';

process.chdir(ROOT);

async function demoOrg() {
  return seededOrg(readFileSync(join(ROOT, 'examples/live-seed.yaml'), 'utf8'), { owner: 'ana@example.com' });
}

describe('README', () => {
  it('shows the diff of examples/org.yaml against examples/live-seed.yaml as it is', async () => {
    const { env } = await demoOrg();
    const r = await runCli(['diff', 'examples/org.yaml'], { env });
    const shown = readmeBlock('output:diff-text').split('\n').slice(1).join('\n');
    expect(r.stdout).toBe(shown);
  });

  it('shows lines the markdown diff really prints', async () => {
    const { env } = await demoOrg();
    const r = await runCli(['diff', '--format', 'markdown', 'examples/org.yaml'], { env });
    for (const line of readmeBlock('output:diff-markdown').trim().split('\n')) expect(r.stdout).toContain(line);
  });
});

/** A console block as the commands it runs (`$ orgdeck …`) and the lines each printed. */
function transcript(block: string): { argv: string[]; shown: string[] }[] {
  const runs: { argv: string[]; shown: string[] }[] = [];
  for (const line of block.trimEnd().split('\n')) {
    if (line.startsWith('$ orgdeck ')) runs.push({ argv: line.slice('$ orgdeck '.length).split(' '), shown: [] });
    else runs.at(-1)!.shown.push(line);
  }
  return runs;
}

/** Step numbers depend on which concurrent step finishes first; the steps themselves do not. */
const unnumbered = (line: string) => line.replace(/^\[\d+\/(\d+)\] /, '[_/$1] ');

/**
 * Without "...", the output is exactly what is shown. With it, every line shown is printed
 * (step numbers aside), and the last line is the real last; so is the first, unless it is a
 * sync step, which may finish in another order.
 */
function expectShown(shown: string[], printed: string, what: string): void {
  const real = printed.trimEnd().split('\n');
  if (!shown.includes('...')) {
    expect(real, what).toEqual(shown);
    return;
  }
  const lines = shown.filter((l) => l !== '...').map(unnumbered);
  const reals = real.map(unnumbered);
  for (const line of lines) expect(reals, what).toContain(line);
  if (!lines[0]!.startsWith('[_/')) expect(reals[0], what).toBe(lines[0]);
  expect(reals.at(-1), what).toBe(lines.at(-1));
}

describe('README: the five-minute tour', () => {
  it('prints what the tour shows, step by step, against the seeded org', async () => {
    const { env } = await demoOrg();
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-tour-'));
    const steps = ['output:tour-validate', 'output:tour-dump', 'output:tour-diff', 'output:tour-sync', 'output:tour-after'].flatMap((m) => transcript(readmeBlock(m)));
    expect(steps.map((s) => s.argv[0])).toEqual(['validate', 'dump', 'diff', 'diff', 'sync', 'diff']);
    for (const { argv, shown } of steps) {
      const args = argv.map((a) => (a === 'live.yaml' ? join(dir, a) : a));
      const r = await runCli(args, { env });
      expect(r.code, `orgdeck ${argv.join(' ')}: ${r.stderr}`).toBe(0);
      expectShown(shown, (r.stdout + r.stderr).replaceAll(`${dir}/`, ''), `orgdeck ${argv.join(' ')}`);
    }
  });

  it('names the test command CI runs', () => {
    const command = readmeBlock('command:test').trim();
    expect(command).toBe('npm run check');
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toMatch(/# The README's test command:\n.*\bnpm run check \|\|/);
  });
});
