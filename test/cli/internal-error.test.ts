/**
 * An internal error (a bug) prints its stack trace for the report. The npm bin is one minified
 * bundle, whose frames (`R8 (…/dist/bundle/program.js:226:10460)`) say nothing until Node reads
 * program.js.map: the message says how to get the source files and lines.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../cmd/run.js';
import { captureIo } from '../support/io.js';

/** validate, with a stdout that fails as a bug would, its stack as `stack` reads. */
async function failWithStack(stack: string) {
  const c = captureIo();
  c.io.stdout = () => {
    throw Object.assign(new Error('provoked'), { stack });
  };
  const code = await run(['validate', 'examples/org.yaml'], c.io);
  return { code, stderr: c.text().stderr };
}

const HINT = 'Run the command again with NODE_OPTIONS=--enable-source-maps for the source files and lines of this trace.\n';

describe('an internal error', () => {
  it('from the bundle says how to map its trace to the sources', async () => {
    const r = await failWithStack('Error: provoked\n    at R8 (file:///usr/lib/node_modules/orgdeck/dist/bundle/program.js:226:10460)');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Internal error: this is a bug in orgdeck, please report it with the output below.\nError: provoked\n    at R8 (file:///usr/lib/node_modules/orgdeck/dist/bundle/program.js:226:10460)\n${HINT}`);
  });

  it('already mapped, or from the sources, says nothing more', async () => {
    const r = await failWithStack('Error: provoked\n    at toUser (/home/ana/orgdeck/src/file/normalize.ts:50:64)');
    expect(r.stderr).toContain('at toUser (/home/ana/orgdeck/src/file/normalize.ts:50:64)');
    expect(r.stderr).not.toContain('enable-source-maps');
  });
});
