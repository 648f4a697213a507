import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalOrg } from '../../src/local-org/index.js';
import { sampleSeed, startOrg, teamIdByName } from '../support/local-org.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'orgdeck-local-org-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('dataFile persistence', () => {
  it('writes the seed on first start, every write after, and reloads on restart (seed ignored)', async () => {
    const dataFile = join(tempDir(), 'org.json');
    const first = await startOrg({ seed: sampleSeed(), dataFile });
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).users).toHaveLength(4);
    const team = await first.api.post('/global/v3/teams', { name: 'Persisted', labels: { a: 'b' } });
    await first.api.post('/global/v3/invites', { email: 'later@example.com' });
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).teams.map((t: { name: string }) => t.name)).toContain('Persisted');
    const before = first.org.snapshot();
    await first.org.stop();

    const second = await startOrg({ seed: { users: [{ email: 'other@example.com' }] }, dataFile });
    expect(second.org.snapshot()).toEqual(before);
    expect((await second.api.get(`/global/v3/teams/${team.body.id}`)).body).toEqual(team.body);
    expect((await second.api.get('/global/v3/users?filter[email][eq]=later@example.com')).body.data[0].active).toBe(false);
  });

  it('/_local/reset goes back to the seed and persists that', async () => {
    const dataFile = join(tempDir(), 'org.json');
    const { api, org } = await startOrg({ seed: sampleSeed(), dataFile });
    const seeded = org.snapshot();
    await api.delete(`/global/v3/teams/${await teamIdByName(api, 'Platform')}`);
    await api.post('/global/v3/teams', { name: 'Extra' });
    expect((await api.post('/_local/reset')).status).toBe(204);
    expect(org.snapshot()).toEqual(seeded);
    expect(JSON.parse(readFileSync(dataFile, 'utf8'))).toEqual(seeded);
  });

  it('refuses to start on a data file that is not a local org, rather than overwrite it', async () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"users": [');
    await expect(startLocalOrg({ dataFile: broken })).rejects.toThrow(/not valid JSON/);
    const foreign = join(dir, 'foreign.json');
    writeFileSync(foreign, '{"hello": "world"}');
    await expect(startLocalOrg({ dataFile: foreign })).rejects.toThrow(/is not an orgdeck local org/);
    expect(readFileSync(foreign, 'utf8')).toBe('{"hello": "world"}');
  });

  it('an invalid seed or option fails the start with a readable message', async () => {
    await expect(startLocalOrg({ seed: { users: [{ email: 'a@example.com', teams: ['Nope'] }] } })).rejects.toThrow(/no team named Nope/);
    await expect(startLocalOrg({ failRate: 2 })).rejects.toThrow(/failRate/);
  });
});

describe('kill during write', () => {
  const persistSource = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/local-org/persist.ts');

  /** persist.ts has no local imports, so transpiling it alone gives a runnable module. */
  function compilePersist(dir: string): string {
    const { outputText } = ts.transpileModule(readFileSync(persistSource, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const file = join(dir, 'persist.mjs');
    writeFileSync(file, outputText);
    return file;
  }

  function writer(module: string, target: string): ChildProcess {
    const script = `
      import { writeJsonAtomic } from ${JSON.stringify(module)};
      const filler = 'x'.repeat(2000);
      for (let n = 0; ; n++) {
        const items = Array.from({ length: 400 }, (_, i) => ({ i, n, filler }));
        writeJsonAtomic(${JSON.stringify(target)}, { n, items, end: true });
        if (n === 0) process.stdout.write('ready\\n');
      }`;
    return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  }

  it('SIGKILL at any moment leaves a file that parses and is complete', async () => {
    const dir = tempDir();
    const module = compilePersist(dir);
    const target = join(dir, 'org.json');
    let lastN = -1;
    for (const delay of [5, 17, 33, 61, 97]) {
      const child = writer(module, target);
      await new Promise<void>((ok, fail) => {
        child.stdout!.once('data', () => ok());
        child.once('exit', (code) => fail(new Error(`writer exited early (${code})`)));
      });
      await new Promise((r) => setTimeout(r, delay));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      expect(existsSync(target)).toBe(true);
      const parsed = JSON.parse(readFileSync(target, 'utf8'));
      expect(parsed.end).toBe(true);
      expect(parsed.items).toHaveLength(400);
      expect(parsed.items.every((item: { n: number }) => item.n === parsed.n)).toBe(true);
      lastN = parsed.n;
    }
    expect(lastN).toBeGreaterThanOrEqual(0);
    // Leftover temp files of killed writers never replace the target; only they may remain
    // (the next start removes them: see below).
    expect(readdirSync(dir).filter((f) => f !== 'org.json' && f !== 'persist.mjs').every((f) => f.endsWith('.tmp'))).toBe(true);
  });

  it('a start removes the temp files of writers that died, and keeps those of a running writer and of other files', async () => {
    const dir = tempDir();
    const dataFile = join(dir, 'org.json');
    const first = await startLocalOrg({ dataFile });
    await first.stop();
    const dead = await new Promise<number>((ok) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.once('exit', () => ok(child.pid!));
    });
    const names = { dead: `.org.json.${dead}.tmp`, running: `.org.json.${process.ppid}.tmp`, other: `.other.json.${dead}.tmp` };
    for (const name of Object.values(names)) writeFileSync(join(dir, name), '{"half": ');
    const second = await startLocalOrg({ dataFile });
    await second.stop();
    expect(readdirSync(dir).sort()).toEqual([names.running, names.other, 'org.json'].sort());
  });
});
