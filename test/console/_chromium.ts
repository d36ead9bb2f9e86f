// Debian's Chromium, driven by playwright-core (which downloads no browser of its own): headless, with none of its
// own background networking (updates, sync, field trials), in a fresh profile folder each launch. CI installs it
// (`apt-get install chromium` in .ci/run).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env.NETSPEC_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'netspec-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 120_000,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
