/**
 * `npm run build:binary`: one file that runs without Node.js or node_modules. Built into a temp
 * folder and run from another, with an empty PATH, against a local org served from this process
 * and one it serves itself.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { buildBinary, runBinary } from '../support/binary.js';
import { seededOrg, TEST_TOKEN } from '../support/org.js';
import { ROOT } from '../support/readme.js';

const SEED = '_format_version: "1.0"\nusers:\n  - { email: owner@example.com, teams: [Organization Admin] }\n  - { email: bo@example.com, full_name: Bo }\nteams:\n  - { name: Platform, description: Runs the platform }\n';
const dir = mkdtempSync(join(tmpdir(), 'orgdeck-binary-'));
const work = join(dir, 'work');
let exe = '';

beforeAll(async () => {
  exe = await buildBinary(join(dir, 'bin'));
  mkdirSync(join(work, 'examples'), { recursive: true });
  copyFileSync(join(ROOT, 'examples', 'org.yaml'), join(work, 'examples', 'org.yaml'));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the single executable', { timeout: 120_000 }, () => {
  it('is one file outside the repository, and answers --version', async () => {
    expect(exe).toBe(join(dir, 'bin', process.platform === 'win32' ? 'orgdeck.exe' : 'orgdeck'));
    const r = await runBinary(exe, ['--version'], { cwd: work });
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    // The bundled libraries' licences, which minifying drops from the code, lie beside it.
    const notices = readFileSync(join(dirname(exe), 'orgdeck-THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const name of ['ajv', 'commander', 'undici', 'yaml']) expect(notices, name).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+ \\(`, 'm'));
  });

  it('validates examples/org.yaml (the schemas are inside it)', async () => {
    const r = await runBinary(exe, ['validate', 'examples/org.yaml'], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^examples\/org\.yaml is valid: \d+ users/);
    expect(r.code).toBe(0);
    const bad = await runBinary(exe, ['validate', join(ROOT, 'examples', 'invalid.yaml')], { cwd: work });
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toContain('Did you mean "Admin"?');
  });

  it('dumps a local org to a file that loads back, diffs clean, and names no folder of this machine', async () => {
    const { env } = await seededOrg(SEED);
    const dump = await runBinary(exe, ['dump', '-o', 'org.yaml'], { cwd: work, env });
    expect(dump.stderr).not.toMatch(/error/i);
    expect(dump.code).toBe(0);
    const text = readFileSync(join(work, 'org.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe(`# Schema: schemas/orgdeck.schema.json of orgdeck ${VERSION} (docs/install.md says how editors can use it)`);
    expect(text).not.toContain(dir);
    expect(text).toContain('name: Platform');
    expect((await runBinary(exe, ['validate', 'org.yaml'], { cwd: work })).code).toBe(0);
    const diff = await runBinary(exe, ['diff', '--non-zero-exit-code', 'org.yaml'], { cwd: work, env });
    expect(diff.code).toBe(0);
  });

  it('serves a local org itself (the local org is inside it too), and dumps from it', async () => {
    writeFileSync(join(work, 'seed.yaml'), SEED);
    const server = spawn(exe, ['serve', '--port', '0', '--seed', 'seed.yaml', '--token', TEST_TOKEN], { cwd: work, env: { PATH: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const addr = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d) => {
          out += d;
          const m = /KONNECT_ADDR='([^']+)'/.exec(out);
          if (m) resolve(m[1]!);
        });
        server.on('exit', (code) => reject(new Error(`orgdeck serve exited (${code}): ${out}`)));
      });
      const env = { KONNECT_ADDR: addr, KONNECT_TOKEN: TEST_TOKEN };
      const dump = await runBinary(exe, ['dump'], { cwd: work, env });
      expect(dump.code, dump.stderr).toBe(0);
      expect(dump.stdout).toContain('bo@example.com');
    } finally {
      server.kill('SIGTERM');
    }
  });
});
