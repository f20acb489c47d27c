/**
 * The race against the suspension date on the what-if page, in Chromium: `lockout serve` on the incident with
 * its deadline (2022-06-30). The bill is unpaid now and its way back (identity verification, about 9 days)
 * ends before the date; moved to 2022-06-15 in the what-if, the same way back is late. A file of its own, so
 * that the screenshots of dashboard.e2e.test.ts stay as they are.
 * Skipped when /usr/bin/chromium is absent (CI installs it).
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeHandle } from '../../src/cli/serve-command.js';
import { hasChromium, openDashboardBrowser } from './browser.js';

const bill = '111122223333/keep-bill-paid';

describe.skipIf(!hasChromium)('the race against the suspension date, in Chromium', () => {
  let server: ServeHandle | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    server = await startServe({
      example: 'incident',
      deadline: '2022-06-30',
      store: join(mkdtempSync(join(tmpdir(), 'lockout-e2e-race-')), 'lockout.db'),
    });
    ({ browser, page, problems } = await openDashboardBrowser(() => new URL(server!.url).origin));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the way back against the days left, and follows a deadline moved in the what-if', async () => {
    await page.goto(server!.url);
    await page.goto(`${new URL(server!.url).origin}/#whatif`);
    await page.locator('#page-whatif[data-ready="true"]').waitFor();
    const race = page.locator(`#page-whatif .race-capability[data-race-capability~="${bill}"]`);
    expect(await page.locator('#page-whatif .race h3').textContent()).toBe(
      'Against the suspension date: 2022-06-30, 22 days left',
    );
    expect(await race.getAttribute('data-race')).toBe('won');
    expect(await race.locator('.race-now').textContent()).toMatch(
      /Fastest way back about 9 days .* to spare/,
    );
    // The picture: the way back as a bar, the deadline as a line.
    expect(await race.locator('svg rect.race-bar.race-won').count()).toBe(1);
    expect(await race.locator('svg line.race-deadline').count()).toBe(1);

    await page.locator('#deadline').fill('2022-06-15');
    await expect.poll(() => race.getAttribute('data-race')).toBe('lost');
    expect(await race.locator('.race-now').textContent()).toMatch(/LATE in the typical case/);
    expect(await page.locator('#page-whatif .race h3').textContent()).toBe(
      'Against the suspension date: 2022-06-15, 7 days left',
    );
    expect(problems).toEqual([]);
  }, 60_000);
});
