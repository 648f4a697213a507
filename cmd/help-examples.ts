/**
 * The end of each command's --help: a few examples, and where its page in docs/ is. A test
 * checks every command has both and that the page and heading exist.
 */
import type { Command } from 'commander';

interface HelpFooter {
  examples: readonly string[];
  /** A path in the repository and a heading anchor: docs/commands.md#orgdeck-diff */
  docs: string;
}

export const HELP_FOOTERS: Readonly<Record<string, HelpFooter>> = {
  validate: { examples: ['orgdeck validate orgdeck.yaml', 'orgdeck validate teams/ users/ --online'], docs: 'docs/commands.md#orgdeck-validate' },
  dump: { examples: ['orgdeck dump -o orgdeck.yaml', 'orgdeck dump --merge-into org/ --yes', 'KONNECT_TOKEN=spat_… orgdeck dump --konnect-system-account ci > org.yaml'], docs: 'docs/commands.md#orgdeck-dump' },
  diff: { examples: ['orgdeck diff orgdeck.yaml', 'orgdeck diff --format markdown --non-zero-exit-code > plan.md', 'orgdeck diff -o plan.json'], docs: 'docs/commands.md#orgdeck-diff' },
  sync: { examples: ['orgdeck sync --dry-run', 'orgdeck sync --yes --no-deletes orgdeck.yaml', 'orgdeck sync --plan plan.json --yes'], docs: 'docs/commands.md#orgdeck-sync' },
  explain: { examples: ['orgdeck explain ana@example.com', 'orgdeck explain ana@example.com --format json'], docs: 'docs/commands.md#orgdeck-explain' },
  report: { examples: ['orgdeck report -o access.html', 'orgdeck report orgdeck.yaml --format csv --expiring-within 30d > access.csv'], docs: 'docs/report.md#orgdeck-report' },
  ping: { examples: ['orgdeck ping', 'orgdeck ping --region us --region eu --verbose'], docs: 'docs/commands.md#orgdeck-ping' },
  serve: { examples: ['orgdeck serve --port 0 --seed examples/org.yaml', 'orgdeck serve --data org.json --latency 50'], docs: 'docs/local-org.md#the-local-org-orgdeck-serve' },
  completion: { examples: ['source <(orgdeck completion bash)', 'orgdeck completion fish > ~/.config/fish/completions/orgdeck.fish'], docs: 'docs/commands.md#orgdeck-completion' },
  version: { examples: ['orgdeck version', 'orgdeck --version'], docs: 'docs/commands.md#orgdeck-version' },
};

export function addHelpFooters(program: Command): void {
  for (const cmd of program.commands) {
    const footer = HELP_FOOTERS[cmd.name()];
    if (!footer) continue;
    cmd.addHelpText('after', `\nExamples:\n${footer.examples.map((e) => `  $ ${e}`).join('\n')}\n\nSee ${footer.docs}\n`);
  }
}
