/**
 * The access report of org-10k (the state file, read offline): time to build it (median of
 * runs), each format's size, and the HTML page's load-to-interactive time and a search's
 * response time in headless Chromium (Debian's, through playwright-core). The targets,
 * under 15 MB and interactive under 2 s, fail the run when missed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';
import { buildReport } from '../../src/report/build.js';
import { REPORT_FORMATS } from '../../src/report/render.js';
import { launchChromium } from '../support/chromium.js';
import { int, median, ms, spread, table, timed } from './measure.js';
import { bigOrgYaml, generateBigOrg } from './org10k.js';
import { type BenchResult, repetitions } from './result.js';

const MAX_MB = 15;
const MAX_INTERACTIVE_MS = 2000;

export async function benchReport(users: number): Promise<BenchResult> {
  const problems: string[] = [];
  const loaded = loadDesiredState([sourceFromText('org-10k.yaml', bigOrgYaml(generateBigOrg(users)))], {});
  if (!loaded.state) return { text: '', problems: [`report: the generated file is invalid: ${loaded.problems[0]?.message}`] };
  const desired = loaded.state;
  const now = Date.now();
  const build = () => buildReport({ desired, now, expiringWithinDays: 14 });
  const report = build(); // warm-up
  const runs = repetitions();
  const builds: number[] = [];
  for (let i = 0; i < runs; i++) builds.push((await timed(build)).ms);
  const rows: string[][] = [['build (buildReport)', ms(median(builds)), spread(builds), `${int(report.rows.length)} rows`]];
  let html = '';
  for (const [format, render] of Object.entries(REPORT_FORMATS)) {
    const times: number[] = [];
    let text = '';
    for (let i = 0; i < runs; i++) times.push((await timed(() => (text = render(report)))).ms);
    const mb = Buffer.byteLength(text) / 1024 / 1024;
    rows.push([`render ${format}`, ms(median(times)), spread(times), `${mb.toFixed(2)} MB`]);
    if (format === 'html') {
      html = text;
      if (mb >= MAX_MB) problems.push(`report: the org-10k HTML page is ${mb.toFixed(2)} MB, over the ${MAX_MB} MB target`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'orgdeck-bench-report-'));
  try {
    const file = join(dir, 'access.html');
    writeFileSync(file, html);
    const { loads, searches } = await timeInChromium(pathToFileURL(file).href, runs, report.rows.length);
    rows.push(['chromium: load to interactive', ms(median(loads)), spread(loads), 'file:// to the first rows drawn']);
    rows.push(['chromium: search', ms(median(searches)), spread(searches), 'typing to the narrowed table']);
    if (median(loads) >= MAX_INTERACTIVE_MS) problems.push(`report: the org-10k page became interactive in ${ms(median(loads))}, over the ${MAX_INTERACTIVE_MS} ms target`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const title = `report — org-${users / 1000}k read offline (${int(report.summary.users)} users, ${int(report.summary.teams)} teams), median of ${runs} after a warm-up`;
  return { text: table(title, ['step', 'median', 'runs (ms)', 'size / note'], rows), problems };
}

async function timeInChromium(url: string, runs: number, total: number): Promise<{ loads: number[]; searches: number[] }> {
  const browser = await launchChromium();
  const loads: number[] = [];
  const searches: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      const started = performance.now();
      await page.goto(url);
      await page.waitForSelector('body[data-ready="1"] #people tbody tr.row', { timeout: 30_000 });
      loads.push(performance.now() - started);
      const before = performance.now();
      await page.fill('#people-controls input[type=search]', 'admin prod');
      // The input waits 120 ms for more typing before it searches; that pause counts.
      const unfiltered = `Showing ${total.toLocaleString('en-US')} `;
      // A locator, not waitForFunction: the page's CSP forbids the eval that would need.
      await page.locator('#people-controls .count', { hasNotText: unfiltered }).waitFor({ timeout: 30_000 });
      searches.push(performance.now() - before);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { loads, searches };
}
