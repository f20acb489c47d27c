// Test support for the dashboard's end-to-end tests: Debian's Chromium driven by playwright-core, headless,
// with every page error, console error and request that leaves the dashboard collected as a problem.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export interface DashboardBrowser {
  browser: Browser;
  page: Page;
  /** What went wrong in the page so far; a test expects it empty at the end. */
  problems: string[];
}

/** A browser and a page that may only talk to `origin()` (read when each request is made). */
export async function openDashboardBrowser(origin: () => string): Promise<DashboardBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  // Nothing may leave the machine: every request goes to the dashboard itself.
  page.on('request', (request) => {
    if (!request.url().startsWith(origin())) problems.push(`request to ${request.url()}`);
  });
  return { browser, page, problems };
}
