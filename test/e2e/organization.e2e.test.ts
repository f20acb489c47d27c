/**
 * The overview and the recovery graph of an Organization: the overview details the 20 accounts most at risk;
 * past a handful of accounts it is drawn one account at a time (dagre
 * lays thousands of nodes out in minutes), the worst account first, and the picker draws another. `lockout
 * serve` on a generated Organization of 24 accounts, driven with Debian's Chromium.
 * Skipped when /usr/bin/chromium is absent (CI installs it).
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeHandle } from '../../src/cli/serve-command.js';
import { organizationInventory, writeInventory } from '../report/inventories.js';
import { hasChromium, openDashboardBrowser } from './browser.js';

describe.skipIf(!hasChromium)('the recovery graph of an Organization', () => {
  let server: ServeHandle | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    const file = writeInventory('org.yaml', organizationInventory(23));
    server = await startServe({
      inventory: file,
      store: join(mkdtempSync(join(tmpdir(), 'lockout-org-e2e-')), 'lockout.db'),
    });
    ({ browser, page, problems } = await openDashboardBrowser(() => new URL(server!.url).origin));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('details the 20 accounts most at risk on the overview and counts the others', async () => {
    await page.goto(server!.url);
    await page.locator('#page-overview[data-ready="true"]').waitFor();
    expect(await page.locator('#page-overview article.account').count()).toBe(20);
    expect(await page.locator('#page-overview p.others').textContent()).toMatch(
      /^4 more accounts: \d+ with a capability lost now, \d+ with a capability that has no fast way, \d+ with a capability unknown, \d+ with a capability lost after its suspension date, \d+ with a capability one loss away, \d+ where every capability holds\. The 20 above/,
    );
  });

  it('draws the worst account alone and another on request', async () => {
    await page.goto(server!.url);
    await page.goto(`${new URL(server!.url).origin}/#graph`);
    await page.locator('#page-graph[data-ready="true"]').waitFor();
    const picker = page.locator('#page-graph .graph-toolbar select');
    const options = await picker.locator('option').allTextContents();
    expect(options).toHaveLength(24);
    expect(options).not.toContain('All accounts');

    // The panel lists the drawn account's capabilities only: five, all of the first account in the picker.
    const picks = page.locator('#page-graph button.pick');
    const drawnAccount = async (): Promise<string[]> => {
      const accounts: string[] = [];
      for (let i = 0; i < (await picks.count()); i++) {
        accounts.push(((await picks.nth(i).getAttribute('data-node')) ?? '').split('/')[0]!);
      }
      return accounts;
    };
    const first = await drawnAccount();
    expect(first).toHaveLength(5);
    expect(new Set(first).size).toBe(1);
    const firstValue = await picker.inputValue();
    expect(firstValue).toBe(`account:${first[0]!}`);

    const other = (await picker.locator('option').nth(5).getAttribute('value'))!;
    await picker.selectOption(other);
    await expect.poll(async () => (await drawnAccount())[0]).toBe(other.replace('account:', ''));
    expect(await drawnAccount()).toHaveLength(5);
    expect(problems).toEqual([]);
  }, 60_000);
});
