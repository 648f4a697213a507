/**
 * Debian's chromium driven by playwright-core, which downloads no browser. A Chromium that
 * cannot start is a failure with the way out, never a skip: the report's page is only tested here.
 */
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.ORGDECK_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(executablePath = CHROMIUM): Promise<Browser> {
  try {
    // As root, Chromium refuses to start without --no-sandbox.
    return await chromium.launch({ executablePath, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  } catch (err) {
    const why = String((err as Error).message).split('\n')[0];
    throw new Error(`Chromium could not start from ${executablePath} (${why}). Install Debian's chromium package (apt-get install -y chromium, as .ci/run does), or set ORGDECK_CHROMIUM to a Chromium binary.`);
  }
}
