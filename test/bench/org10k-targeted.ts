/**
 * Targeted pull-request plans on org-10k (issue 21): `orgdeck diff --base` at 20 ms latency,
 * --parallelism 8, against an org that matches the base. Two pull requests: one that adds a
 * person, changes three and moves one team's grant (targets: at most 60 requests, under 2 s),
 * and one that changes 200 people (targets, or falls back, with fewer requests than a full read;
 * the full read's figure is the API minimum of a dump, `readMinimum`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { LATENCY_MS, PARALLELISM, readMinimum } from './org10k-cases.js';
import { type BigOrg, bigOrgSeed, bigOrgYaml, generateBigOrg } from './org10k.js';
import { BIN, measure, serve } from './processes.js';
import { table } from './measure.js';
import type { BenchResult } from './result.js';

const TOKEN = 'kpat_BENCHtargeted_not_a_secret_0123456789abcdef';

/** Adds one person, renames three, and moves one of a team's grants to another control plane. */
function smallPr(base: BigOrg): BigOrg {
  const head = structuredClone(base);
  head.users.push({ email: 'new.person@example.com', full_name: 'New Person', teams: [head.teams[0]!.name], roles: [] });
  for (const u of head.users.filter((x) => x.full_name && x.email !== 'owner@example.com').slice(0, 3)) u.full_name = `${u.full_name} (renamed)`;
  const team = head.teams[1]!;
  const taken = new Set(team.roles.map((g) => `${g.role}/${g.entity}`));
  const cp = head.controlPlanes.find((c) => !taken.has(`${team.roles[0]!.role}/${c.name}`))!;
  team.roles[0] = { ...team.roles[0]!, entity: cp.name, region: cp.region };
  return head;
}

function widePr(base: BigOrg, n: number): BigOrg {
  const head = structuredClone(base);
  for (const u of head.users.filter((x) => x.full_name && x.email !== 'owner@example.com').slice(0, n)) u.full_name = `${u.full_name} (renamed)`;
  return head;
}

interface Run {
  name: string;
  requests: number;
  wallS: number;
  cpuS?: number;
  changes: number;
  firstLine: string;
}

/** `wide`: how many people the second pull request changes (200 on org-10k; fewer for a smoke test of a small org). */
export async function benchTargeted(users: number, wide = 200): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'orgdeck-bench-targeted-'));
  try {
    const base = generateBigOrg(users);
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const seed = write('live.yaml', stringify(bigOrgSeed(base), { lineWidth: 0 }));
    const baseFile = write('base.yaml', bigOrgYaml(base));
    const prs = [
      { name: '1 added, 3 changed, 1 team grant moved', head: write('small.yaml', bigOrgYaml(smallPr(base))) },
      { name: `${wide} people changed`, head: write('wide.yaml', bigOrgYaml(widePr(base, wide))) },
    ];
    const runs: Run[] = [];
    const problems: string[] = [];
    for (const pr of prs) {
      const server = await serve(seed, { latencyMs: LATENCY_MS, token: TOKEN });
      try {
        const out = join(dir, 'plan.json');
        const m = await measure([BIN, 'diff', '--parallelism', String(PARALLELISM), '--quiet', '--base', baseFile, '--out', out, pr.head], { KONNECT_ADDR: server.addr, KONNECT_TOKEN: TOKEN });
        const stats = (await server.stats()) as { requests: number };
        if (m.code !== 0) problems.push(`${pr.name}: diff exited ${m.code}: ${m.stderr.slice(-500)}`);
        const plan = m.code === 0 ? (JSON.parse(readFileSync(out, 'utf8')) as { changes: unknown[]; targeting?: { message: string } }) : undefined;
        runs.push({ name: pr.name, requests: stats.requests, wallS: m.wallMs / 1000, ...(m.cpuMs !== undefined ? { cpuS: m.cpuMs / 1000 } : {}), changes: plan?.changes.length ?? 0, firstLine: plan?.targeting?.message ?? '(no targeting)' });
      } finally {
        await server.stop();
      }
    }
    const full = readMinimum(base);
    const [small, broad] = runs;
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
    const rows = runs.map((r) => [r.name, String(r.requests), r.wallS.toFixed(2), r.cpuS?.toFixed(2) ?? '-', String(r.changes), r.firstLine]);
    const targets = [
      `small PR: ${small!.requests} requests (target ≤ 60): ${verdict(small!.requests <= 60)}`,
      `small PR: wall ${small!.wallS.toFixed(2)} s (target < 2 s): ${verdict(small!.wallS < 2)}`,
      `${wide}-people PR: ${broad!.requests} requests, a full read at least ${full} (target: fewer): ${verdict(broad!.requests < full)}`,
    ];
    const text = `${table(`targeted diff --base, org-${users / 1000}k, ${LATENCY_MS} ms latency, parallelism ${PARALLELISM}`, ['pull request', 'requests', 'wall s', 'CPU s', 'changes', 'the plan says'], rows)}\n${targets.join('\n')}`;
    return { text, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
