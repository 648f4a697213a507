/** A Chromium that cannot start fails the browser test with a sentence saying how to get one, never a skip. */
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';

describe('launchChromium', () => {
  it('names the binary and the way out when Chromium cannot start', async () => {
    await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow(
      /^Chromium could not start from \/nonexistent\/chromium \(.+\)\. Install Debian's chromium package \(apt-get install -y chromium, as \.ci\/run does\), or set ORGDECK_CHROMIUM to a Chromium binary\.$/,
    );
  });
});
