/** `--base`: a path that exists is a file or folder; anything else is a git revision, read with git; what cannot be read is a reason, not an error. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaseSources } from '../../cmd/base.js';
import { captureIo } from '../support/io.js';

const text = (r: ReturnType<typeof readBaseSources>) => ('sources' in r ? r.sources.map((s) => [s.name, new TextDecoder().decode(s.bytes)]) : r.unreadable);

function repo() {
  const dir = mkdtempSync(join(tmpdir(), 'orgdeck-base-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  return { dir, git };
}

describe('readBaseSources', () => {
  const { io } = captureIo();

  it('reads an existing path as the base file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-base-'));
    writeFileSync(join(dir, 'base.yaml'), 'users: []\n');
    expect(text(readBaseSources(join(dir, 'base.yaml'), ['org.yaml'], io))).toEqual([[join(dir, 'base.yaml'), 'users: []\n']]);
  });

  it('reads a folder at a revision as the folder is read from disk: state files in name order, hidden ones skipped', () => {
    const { dir, git } = repo();
    mkdirSync(join(dir, 'state/.hidden'), { recursive: true });
    writeFileSync(join(dir, 'state/b.yaml'), 'b: 1\n');
    writeFileSync(join(dir, 'state/a.yml'), 'a: 1\n');
    writeFileSync(join(dir, 'state/notes.txt'), 'not a state file\n');
    writeFileSync(join(dir, 'state/.hidden/c.yaml'), 'c: 1\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(dir, 'state/a.yml'), 'a: 2\n');
    const state = join(dir, 'state');
    expect(text(readBaseSources('HEAD', [state], io))).toEqual([[`HEAD:${join(state, 'a.yml')}`, 'a: 1\n'], [`HEAD:${join(state, 'b.yaml')}`, 'b: 1\n']]);
  });

  it('says why when the revision does not exist, the file is not at it, or the base is standard input', () => {
    const { dir, git } = repo();
    writeFileSync(join(dir, 'org.yaml'), 'users: []\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(dir, 'new.yaml'), 'users: []\n');
    expect(text(readBaseSources('main-that-is-not', [join(dir, 'org.yaml')], io))).toMatch(/^the base main-that-is-not is neither a file nor a git revision of the checkout that holds /);
    expect(text(readBaseSources('HEAD', [join(dir, 'new.yaml')], io))).toBe(`${join(dir, 'new.yaml')} does not exist at HEAD`);
    expect(text(readBaseSources('HEAD', ['-'], io))).toBe('the base HEAD is a git revision, and standard input has no path to read at it');
    const outside = mkdtempSync(join(tmpdir(), 'orgdeck-nogit-'));
    expect(text(readBaseSources(join(outside, 'gone.yaml'), [join(outside, 'org.yaml')], io))).toMatch(/is neither a file nor a git revision/);
  });
});
