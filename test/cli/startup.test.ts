/** The binary answers --version before loading the program, and says what the program says. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/io.js';

const BIN = join(import.meta.dirname, '../../dist/cmd/cli.js');

describe('orgdeck --version (the binary)', () => {
  it('prints what the program prints, for --version and -V', async () => {
    const viaProgram = (await runCli(['--version'])).stdout;
    for (const flag of ['--version', '-V']) expect(execFileSync(process.execPath, [BIN, flag], { encoding: 'utf8' })).toBe(viaProgram);
  });

  it('loads the program for anything else', () => {
    expect(execFileSync(process.execPath, [BIN, 'version'], { encoding: 'utf8' })).toMatch(/^orgdeck \d+\.\d+\.\d+ \(Node\.js v/);
  });
});
