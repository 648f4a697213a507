/** The README shows real output: these tests keep it so. */
import { readFileSync } from 'node:fs';
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
