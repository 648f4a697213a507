/**
 * The HTML report in a real browser: opened from file://, it shows the summary, searches,
 * flags admins, and asks the network for nothing. A screenshot lands in the test's temp dir.
 */
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { renderReportHtml } from '../../src/report/render-html.js';
import { desiredState, desiredTeam, desiredUser } from '../support/builders.js';
import { launchChromium } from '../support/chromium.js';
import { runCli } from '../support/io.js';
import { seededOrg } from '../support/org.js';
import { REPORT_SEED } from '../support/report-org.js';

/**
 * How long a check waits for the page to catch up with a search, a scroll or a sort. vitest's
 * default is 1 s, which a loaded 2-core runner with Chromium on it can spend on one redraw.
 */
const PAGE_CATCHES_UP = { timeout: 15_000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe('the HTML report in Chromium', () => {
  it('shows the counts, narrows on search, flags an admin and makes no request', async () => {
    const { env } = await seededOrg(REPORT_SEED);
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-report-browser-'));
    const file = join(dir, 'access.html');
    const r = await runCli(['report', '-o', file], { env });
    expect(r.code, r.stderr).toBe(0);
    const url = pathToFileURL(file).href;

    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => problems.push(`a dialog opened: ${d.message()}`));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]');

    const tile = (label: string) => page.locator(`.tile[data-count="${label}"] b`).textContent();
    expect(await tile('users')).toBe('6');
    expect(await tile('system accounts')).toBe('1');
    expect(await tile('admins')).toBe('3');
    expect(await tile('pending invitations')).toBe('1');
    expect(await tile('grants on gone entities')).toBe('1');

    const rows = page.locator('#people tbody tr.row');
    const all = await rows.count();
    expect(all).toBeGreaterThan(10);
    await expect.poll(() => page.locator('#people-controls .count').textContent(), PAGE_CATCHES_UP).toBe(`Showing ${all} of ${all} rows`);
    await page.fill('#people-controls input[type=search]', 'sam@');
    await expect.poll(() => rows.count(), PAGE_CATCHES_UP).toBe(2);
    expect(await page.locator('#people-controls .count').textContent()).toBe(`Showing 2 of ${all} rows`);
    const samAdmin = rows.filter({ hasText: 'Identity' });
    expect(await samAdmin.locator('.flag.admin').allTextContents()).toEqual(['identity admin', 'org wide']);
    expect(await page.locator('#admins').textContent()).toContain('sam@example.com');

    // "Everyone who can write to control plane prod": the Admin role, the entity's name.
    await page.fill('#people-controls input[type=search]', 'prod');
    await page.selectOption('#people-controls select[aria-label="Role"]', 'Admin');
    await expect.poll(() => rows.locator('td:first-child').allTextContents(), PAGE_CATCHES_UP).toEqual(['ana@example.com', '<img src=x onerror=alert(1)>@example.com', 'ci-deployer']);

    await page.fill('#teams-controls input[type=search]', 'unused');
    await expect.poll(() => page.locator('#teams tbody tr.row td').allTextContents(), PAGE_CATCHES_UP).toEqual(['Unused', 'custom', '0', '', '', 'empty']);

    // Printing: the controls go, every list opens, the rows of the current search stay.
    await page.fill('#people-controls input[type=search]', '');
    await page.selectOption('#people-controls select[aria-label="Role"]', '');
    await expect.poll(() => rows.count(), PAGE_CATCHES_UP).toBe(all);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate('window.dispatchEvent(new Event("beforeprint"))');
    expect(await page.locator('#people-controls').isVisible()).toBe(false);
    expect(await page.locator('#pending').getAttribute('open')).toBe('');
    expect(await rows.count()).toBe(all);
    await page.emulateMedia({ media: 'screen' });

    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot) && statSync(shot).size > 1000).toBe(true);
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('draws only the rows in view: scrolling draws the last rows, sorting reorders all of them', async () => {
    const users = Array.from({ length: 3000 }, (_, i) => desiredUser(`u${String(i).padStart(4, '0')}@example.com`, { teams: ['Ops'] }));
    const report = buildReport({ desired: desiredState(users, [desiredTeam('Ops')]), now: Date.now(), expiringWithinDays: 14 });
    const dir = mkdtempSync(join(tmpdir(), 'orgdeck-report-browser-'));
    const file = join(dir, 'big.html');
    writeFileSync(file, renderReportHtml(report));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="1"]');
    const principals = page.locator('#people tbody tr.row td:first-child');
    expect(await principals.count()).toBeLessThan(200);
    expect(await principals.first().textContent()).toBe('u0000@example.com');
    await page.locator('#people').hover();
    await page.mouse.wheel(0, 1_000_000);
    await expect.poll(() => principals.last().textContent(), PAGE_CATCHES_UP).toBe('u2999@example.com');
    await page.mouse.wheel(0, -1_000_000);
    await page.locator('#people th', { hasText: 'Principal' }).click();
    await page.locator('#people th', { hasText: 'Principal' }).click();
    await expect.poll(() => principals.first().textContent(), PAGE_CATCHES_UP).toBe('u2999@example.com');
    await page.close();
  }, 60_000);
});
