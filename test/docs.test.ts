/**
 * The documentation holds together: every relative link in README.md and docs/ leads to a file
 * (and to a heading, when it names one), and every command and long flag `--help` shows is
 * documented somewhere in docs/.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/io.js';
import { anchorsOf, brokenLinks, type FileAt, slugOf } from './support/links.js';
import { docPages, ROOT } from './support/readme.js';

const onDisk: FileAt = (path) => {
  const full = join(ROOT, path);
  if (!existsSync(full)) return undefined;
  return statSync(full).isFile() && path.endsWith('.md') ? { text: readFileSync(full, 'utf8') } : {};
};

describe('links in README.md and docs/', () => {
  it('finds the pages and their links', () => {
    expect(docPages()).toEqual(expect.arrayContaining(['README.md', 'docs/state-file.md', 'docs/commands.md', 'docs/development.md']));
  });

  it.each(docPages().map((p) => [p]))('%s: every relative link leads to a file, and to a heading of it', (page) => {
    expect(brokenLinks(page, readFileSync(join(ROOT, page), 'utf8'), onDisk)).toEqual([]);
  });
});

describe('the link checker', () => {
  const files: Record<string, string | null> = {
    'docs/a.md': '# Page A\n\n## Same\n\n## Same\n\n```yaml\n# not a heading\n```\n',
    'examples/org.yaml': null,
  };
  const fake: FileAt = (path) => (path in files ? { text: files[path] ?? undefined } : undefined);
  const check = (text: string) => brokenLinks('docs/b.md', text, fake);

  it('passes links to files that exist and headings they have, however often repeated', () => {
    expect(check('[a](a.md) [b](a.md#page-a) [c](a.md#same) [d](a.md#same-1) [e](../examples/org.yaml) [f](https://example.com/x.md#nope)')).toEqual([]);
    expect(check('## Here\n\n[self](#here)')).toEqual([]);
  });

  it('fails a link to a missing file, a missing heading, or outside the repository', () => {
    expect(check('see [the guide](guide.md)')).toEqual(['docs/b.md: guide.md names docs/guide.md, which does not exist']);
    expect(check('[x](a.md#same-2)')).toEqual(['docs/b.md: a.md#same-2 names no heading of docs/a.md']);
    expect(check('[x](a.md#not-a-heading)')).toEqual(['docs/b.md: a.md#not-a-heading names no heading of docs/a.md']);
    expect(check('[x](#nowhere)')).toEqual(['docs/b.md: #nowhere names no heading of docs/b.md']);
    expect(check('[x](../../etc/passwd)')).toEqual(['docs/b.md: ../../etc/passwd leads out of the repository']);
  });

  it('ignores what code blocks and code spans hold', () => {
    expect(check('```\n[x](missing.md)\n```\n`[y](missing.md)`')).toEqual([]);
  });

  it('makes anchors as GitHub does', () => {
    expect(slugOf('`orgdeck sync --plan PLAN.json [--yes]`')).toBe('orgdeck-sync---plan-planjson---yes');
    expect(slugOf('Saved plans: apply exactly what was reviewed')).toBe('saved-plans-apply-exactly-what-was-reviewed');
    expect(slugOf('The local org: `orgdeck serve`')).toBe('the-local-org-orgdeck-serve');
    expect(slugOf('Exceptions to the file-size rule')).toBe('exceptions-to-the-file-size-rule');
    expect(slugOf('snake_case and Café')).toBe('snake_case-and-café');
    expect([...anchorsOf('# A\n## A\n### A\n')]).toEqual(['a', 'a-1', 'a-2']);
  });
});

/** The names in the first column of a section (`Commands:` or `Options:`) of commander's help. */
function column(help: string, section: string): string[] {
  const body = help.split(`\n${section}:\n`)[1]?.split(/\n\n/)[0] ?? '';
  return body
    .split('\n')
    .map((line) => /^ {2}(\S+)/.exec(line)?.[1])
    .filter((word): word is string => word !== undefined);
}

/** The long flags of one help screen: `-o, --output-file <file>` gives `--output-file`. */
function longFlags(help: string): string[] {
  const body = help.split('\nOptions:\n')[1]?.split(/\n\n/)[0] ?? '';
  return [...body.matchAll(/^ {2}(?:-\w, )?(--[a-z][\w-]*)/gm)].map((m) => m[1]!);
}

const docs = docPages()
  .filter((p) => p.startsWith('docs/'))
  .map((p) => readFileSync(join(ROOT, p), 'utf8'))
  .join('\n');
const mentions = (text: string) => new RegExp(`(^|[^\\w-])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(docs);

const top = await runCli(['--help']);
const commands = column(top.stdout, 'Commands');
const screens = [['orgdeck', top.stdout] as const, ...(await Promise.all(commands.filter((c) => c !== 'help').map(async (c) => [`orgdeck ${c}`, (await runCli([c, '--help'])).stdout] as const)))];

describe('--help and docs/', () => {
  it('reads the commands and flags from the real help', () => {
    expect(top.code).toBe(0);
    expect(commands).toEqual(expect.arrayContaining(['validate', 'dump', 'diff', 'sync', 'explain', 'serve', 'version', 'help']));
    expect(longFlags(screens.find(([n]) => n === 'orgdeck sync')![1])).toEqual(expect.arrayContaining(['--plan', '--dry-run', '--output-file', '--konnect-addr', '--help']));
    expect(longFlags(top.stdout)).toEqual(['--version', '--no-color', '--help']);
  });

  it('documents every command of `orgdeck --help` in docs/', () => {
    const missing = commands.filter((c) => !mentions(`orgdeck ${c}`));
    expect(missing, `docs/ never shows ${missing.map((c) => `\`orgdeck ${c}\``).join(', ')}: give it a section in docs/commands.md`).toEqual([]);
  });

  it.each(screens.map(([name, help]) => [name, help]))('documents every long flag of `%s --help` in docs/', (name, help) => {
    const missing = longFlags(help).filter((flag) => !mentions(flag));
    expect(missing, `docs/ does not mention ${missing.join(', ')} of \`${name}\`: document it in docs/commands.md or the page of its topic`).toEqual([]);
  });
});
