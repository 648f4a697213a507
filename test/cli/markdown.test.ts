/** Markdown for pull requests: access changes by person (through teams), and any plan within 60,000 characters. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitSections, MARKDOWN_LIMIT } from '../../src/plan/render-markdown-budget.js';
import { bigOrg } from '../support/big-org.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';
import { mulberry32 } from '../support/random-org.js';

function tmp(name: string, text?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orgdeck-')), name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
}

const LIVE = `_format_version: "1.0"
control_planes: [{ name: prod, region: us }]
teams:
  - { name: Platform, roles: [{ role: Viewer, entity_type: Control Planes, entity: prod, region: us }] }
  - { name: Ops }
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [Platform] }
  - { email: bo@example.com, teams: [Platform], roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }] }
  - { email: cy@example.com, teams: [Ops] }
`;
const DESIRED = `_format_version: "1.0"
teams:
  - { name: Platform, roles: [{ role: Admin, entity_type: Control Planes, entity: prod, region: us }] }
  - { name: Ops }
users:
  - { email: owner@example.com, teams: [Organization Admin] }
  - { email: ana@example.com, teams: [Platform] }
  - { email: bo@example.com, teams: [Platform] }
  - { email: cy@example.com, teams: [Platform] }
`;

describe('markdown: access changes by person', () => {
  it('a team role change appears under each member; a role held directly and through the team does not', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', '--format', 'markdown', tmp('org.yaml', DESIRED)], { env });
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    expect(md.split('\n')[0]).toBe('<!-- orgdeck:plan -->');
    const section = md.slice(md.indexOf('**Access changes by person** (3 people)'), md.indexOf('**Changes by person**'));
    expect(section).toContain('- `ana@example.com`: **gains** Admin on Control Planes prod (us), through Platform; **loses** Viewer on Control Planes prod (us), through Platform\n');
    // bo loses the direct Admin but keeps Admin through Platform: only the team's Viewer is lost.
    expect(section).toContain('- `bo@example.com`: **loses** Viewer on Control Planes prod (us), through Platform\n');
    expect(section).toContain('- `cy@example.com`: **gains** member of Platform; Admin on Control Planes prod (us), through Platform; **loses** member of Ops\n');
    expect(section).not.toContain('owner@example.com');
    expect(md.indexOf('Access changes by person')).toBeLessThan(md.indexOf('Changes by person'));
  });

  it('names the organization the plan is for, as GET /v3/organizations/me names it', async () => {
    const { org, env } = await seededOrg(LIVE);
    const r = await runCli(['diff', '--format', 'markdown', tmp('org.yaml', DESIRED)], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual(['<!-- orgdeck:plan -->', '### orgdeck plan', '', `For organization \`Local Org\` (id \`${org.snapshot().organization.id}\`).`, '']);
  });

  it('the JSON plan carries the same access changes, principal by principal', async () => {
    const { env } = await seededOrg(LIVE);
    const r = await runCli(['diff', '--format', 'json', tmp('org.yaml', DESIRED)], { env });
    const plan = JSON.parse(r.stdout);
    expect(plan.access_changes.map((a: { principal: { key: string } }) => a.principal)).toEqual([
      { kind: 'user', key: 'ana@example.com' },
      { kind: 'user', key: 'bo@example.com' },
      { kind: 'user', key: 'cy@example.com' },
    ]);
    expect(plan.access_changes[2].gained[1]).toEqual({
      kind: 'grant',
      grant: { role: 'Admin', entity_type: 'Control Planes', entity: 'prod', entity_id: expect.any(String), region: 'us' },
      via: ['team:Platform'],
    });
  });
});

describe('markdown: at most 60,000 characters', () => {
  it('adopting 3,000 users renders within the limit, folded, counting what it leaves to plan.json', async () => {
    const { seed, desiredYaml } = bigOrg(3000, 0);
    const { env } = await seededOrg(JSON.stringify(seed));
    const out = tmp('plan.json');
    const r = await runCli(['diff', '--format', 'markdown', '--out', out, tmp('org.yaml', desiredYaml)], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(r.stdout.split('\n')[0]).toBe('<!-- orgdeck:plan -->');
    expect(r.stdout).toContain('<details><summary>Access changes by person (3000 people)</summary>');
    expect(r.stdout).toMatch(/- …and \d+ more; the full plan is in plan\.json/);
    const more = [...r.stdout.matchAll(/…and (\d+) more; the full plan/g)].map((m) => Number(m[1]));
    const shownPeople = (r.stdout.match(/^- `user\d{4}@example\.com` \(invited\): /gm) ?? []).length;
    expect(shownPeople).toBeGreaterThan(50);
    expect(shownPeople + more[0]!).toBe(3000);
    const plan = JSON.parse(readFileSync(out, 'utf8'));
    expect(plan.changes.filter((c: { op: string; kind: string }) => c.op === 'create' && c.kind === 'user')).toHaveLength(3000);
  }, 60_000);

  it('fitSections stays within the limit for any mix of section sizes', () => {
    const r = mulberry32(7);
    for (let run = 0; run < 200; run++) {
      const sections = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) => ({
        title: `Section ${i}`,
        count: '(n)',
        items: Array.from({ length: Math.floor(r() * 4000) }, () => `- ${'x'.repeat(Math.floor(r() * 400))}`),
      }));
      const head = ['<!-- orgdeck:plan -->', 'y'.repeat(Math.floor(r() * 5000))];
      const text = fitSections(head, sections, ['tail']);
      expect(text.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
      for (const s of sections) expect(text).toContain(s.title);
    }
  });
});

describe('markdown: names and values from the org cannot forge the comment', () => {
  const BACKTICKED = 'x` <img src=x onerror=alert(1)> `y';
  const LIVE_HOSTILE = JSON.stringify({
    _format_version: '1.0',
    teams: [{ name: 'Ops <b>x</b>', description: 'old' }, { name: BACKTICKED }],
    users: [{ email: 'owner@example.com', teams: ['Organization Admin'] }, { email: 'cy@example.com', full_name: 'Cy </details><script>alert(1)</script>' }],
  });
  const DESIRED_HOSTILE = JSON.stringify({
    _format_version: '1.0',
    teams: [{ name: 'Ops <b>x</b>', description: 'new | *bold* [link](https://evil.example)\n\n- forged item' }],
    users: [{ email: 'owner@example.com', teams: ['Organization Admin'] }, { email: 'cy@example.com', full_name: 'Cy', teams: ['Ops <b>x</b>'] }],
  });

  it('raw HTML is shown as text, inline code keeps its fence, and line breaks and markdown characters are escaped', async () => {
    const { env } = await seededOrg(LIVE_HOSTILE);
    const r = await runCli(['diff', '--format', 'markdown', tmp('org.json', DESIRED_HOSTILE)], { env });
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    // Outside inline code (where HTML shows as written), the only tags are orgdeck's own.
    const outsideCode = md.replace(/(`+)[\s\S]*?[^`]\1(?!`)/g, '');
    expect(outsideCode.replace(/<!-- orgdeck:plan -->|<\/?details>|<\/?summary>/g, '')).not.toContain('<');
    expect(md).toContain('- `Ops <b>x</b>` will have description changed');
    expect(md).toContain(`- \`\`${BACKTICKED}\`\` will be deleted`);
    expect(md).toContain('and join Ops &lt;b&gt;x&lt;/b&gt;\n');
    expect(md).toContain('- `cy@example.com`: **gains** member of Ops &lt;b&gt;x&lt;/b&gt;\n');
    expect(md).toContain('&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('"new \\| *bold* \\[link\\](https://evil.example)\\\\n\\\\n- forged item"');
    expect(md.split('\n').some((line) => line.startsWith('- forged'))).toBe(false);
  });

  it('the organization\'s name is inline code, whatever it holds', async () => {
    const dataFile = tmp('org-data.json');
    const first = await seededOrg(LIVE_HOSTILE, { dataFile });
    await first.org.stop();
    const data = JSON.parse(readFileSync(dataFile, 'utf8'));
    data.organization.name = `${BACKTICKED}\n- forged org`;
    writeFileSync(dataFile, JSON.stringify(data));
    const { env } = await seededOrg(LIVE_HOSTILE, { dataFile });
    const r = await runCli(['diff', '--format', 'markdown', tmp('org.json', DESIRED_HOSTILE)], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`For organization \`\`${BACKTICKED}\\n- forged org\`\` (id \`${data.organization.id}\`).\n`);
    expect(r.stdout.split('\n').some((line) => line.startsWith('- forged'))).toBe(false);
  });
});
