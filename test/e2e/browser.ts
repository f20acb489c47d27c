// Test support for the dashboard's end-to-end tests: Debian's Chromium driven by playwright-core, headless,
// with every page error, console error and request that leaves the dashboard collected as a problem.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { serverTimes } from '../support/server-timing.js';

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

/**
 * In the page, before a click: waits for the click event (capture phase, the first thing the page sees of it),
 * then for `answered` to match, then for the frame that shows it, and resolves with the milliseconds from the
 * click to that frame. Plain JavaScript run in the page (these tests compile without the DOM's types).
 */
const ARM_ANSWER_TIMER = `(answered) => {
  window.__lockoutAnswer = new Promise((resolve, reject) => {
    let clicked;
    document.addEventListener('click', () => { clicked = performance.now(); }, { capture: true, once: true });
    const timeout = setTimeout(() => { observer.disconnect(); reject(new Error('no answer: ' + answered)); }, 120000);
    const observer = new MutationObserver(() => {
      if (clicked === undefined || document.querySelector(answered) === null) return;
      observer.disconnect();
      clearTimeout(timeout);
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - clicked), 0));
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}`;

/**
 * Clicks `button` and times the answer as the user lives it: from the click reaching the page to the frame
 * that shows `answered` (a selector), measured in the page. The driver's time around the same click is also
 * returned: it adds Playwright's own work (waiting for the button to be still before it clicks) and the round
 * trips to the browser, no wait of the user's. (Waiting with a locator instead polls the page on its main
 * thread, which on a page of 12,000 elements delayed the answer it waited for.) With `request` (a path, such
 * as /api/whatif), the server's own times for the request the click makes, from its Server-Timing header.
 */
export async function timedClick(
  page: Page,
  button: Locator,
  answered: string,
  request?: string,
): Promise<{ pageMs: number; driverMs: number; server?: Record<string, number> }> {
  await button.scrollIntoViewIfNeeded();
  await page.evaluate(`(${ARM_ANSWER_TIMER})(${JSON.stringify(answered)})`);
  const responded =
    request === undefined
      ? undefined
      : page.waitForResponse((response) => new URL(response.url()).pathname === request);
  const started = performance.now();
  await button.click();
  const pageMs = await page.evaluate<number>('window.__lockoutAnswer');
  const driverMs = performance.now() - started;
  const timing = responded ? await (await responded).headerValue('server-timing') : undefined;
  return { pageMs, driverMs, ...(timing ? { server: serverTimes(timing) } : {}) };
}
