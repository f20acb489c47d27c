/**
 * The dashboard of a large Organization in headless Chromium: the first load (a summary: counts, the accounts
 * most at risk, findings grouped), an account opened on demand, and what-if clicks answered. `npm test` runs it
 * at 1,000 accounts; bench/dashboard-run.mjs runs it at 10,000 (LOCKOUT_DASHBOARD_ACCOUNTS) and reads the
 * figures it writes (LOCKOUT_DASHBOARD_FIGURES): bytes of the first load, time to usable, click to answer;
 * LOCKOUT_DASHBOARD_VARIED=1 runs it on the generator's varied Organization (roots set up each its own way).
 * Skipped when /usr/bin/chromium is absent (CI installs it).
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeHandle } from '../../src/cli/serve-command.js';
import { hasChromium, openDashboardBrowser, timedClick } from './browser.js';
import { capabilityIds } from '../../src/providers/aws/analysis.js';

const ACCOUNTS = Number(process.env.LOCKOUT_DASHBOARD_ACCOUNTS ?? 1000);
const FIGURES = process.env.LOCKOUT_DASHBOARD_FIGURES;
const VARIED = process.env.LOCKOUT_DASHBOARD_VARIED === '1';
/** What-if clicks timed (each factor marked lost, then got back). */
const CLICKS = 6;

interface Figures {
  accounts: number;
  firstLoadBytes: number;
  usableMs: number;
  openAccountMs: number;
  /** From the click reaching the page to the frame that shows the answer, measured in the page. */
  clickMs: number[];
  /** The same clicks timed by the driver around them (see timedClick). */
  clickDriverMs: number[];
  /** What the server spent on each click's answer, by its Server-Timing metrics (ms). */
  clickServer: Record<string, number>[];
  clickedFactors: string[];
  /** Clicks on factors many accounts share (the payer's card, the identity provider…), timed alike. */
  sharedClickMs: number[];
  sharedClickDriverMs: number[];
  sharedClickServer: Record<string, number>[];
  sharedClickedFactors: string[];
}

/** An element of the page as evaluateAll hands it over (the tests compile without the DOM's types). */
type Attributed = { getAttribute(name: string): string | null };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe.skipIf(!hasChromium)(
  `the dashboard of ${VARIED ? 'a varied' : 'an'} Organization of ${ACCOUNTS} accounts`,
  () => {
    let server: ServeHandle | undefined;
    let browser: Browser | undefined;
    let page: Page;
    let problems: string[] = [];
    const figures: Figures = {
      accounts: ACCOUNTS,
      firstLoadBytes: 0,
      usableMs: 0,
      openAccountMs: 0,
      clickMs: [],
      clickDriverMs: [],
      clickServer: [],
      clickedFactors: [],
      sharedClickMs: [],
      sharedClickDriverMs: [],
      sharedClickServer: [],
      sharedClickedFactors: [],
    };

    let outside = 0;

    beforeAll(async () => {
      const generator = new URL('../../bench/org-inventory.mjs', import.meta.url).href;
      const { organizationInventory, organizationInventoryYaml } = (await import(generator)) as {
        organizationInventory: (
          accounts: number,
          options: { varied: boolean },
        ) => { outsideAccounts?: unknown[] };
        organizationInventoryYaml: (accounts: number, options: { varied: boolean }) => string;
      };
      // Its identity provider, mail provider and vault: accounts outside AWS, one capability each (issue 16).
      outside = organizationInventory(ACCOUNTS, { varied: VARIED }).outsideAccounts?.length ?? 0;
      const dir = mkdtempSync(join(tmpdir(), 'lockout-scale-e2e-'));
      const file = join(dir, 'organization.yaml');
      writeFileSync(file, organizationInventoryYaml(ACCOUNTS, { varied: VARIED }));
      server = await startServe({ inventory: file, store: join(dir, 'lockout.db') });
      ({ browser, page, problems } = await openDashboardBrowser(() => new URL(server!.url).origin));
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (FIGURES) writeFileSync(FIGURES, `${JSON.stringify(figures)}\n`);
    });

    it('is usable from a summary: the overview counts every capability and details the worst accounts', async () => {
      const sizes: Promise<number>[] = [];
      const count = (response: { body(): Promise<Buffer> }): void => {
        sizes.push(
          response.body().then(
            (body) => body.length,
            () => 0,
          ),
        );
      };
      page.on('response', count);
      const started = performance.now();
      await page.goto(server!.url);
      await page.locator('#page-overview[data-ready="true"]').waitFor({ timeout: 120_000 });
      figures.usableMs = performance.now() - started;
      page.off('response', count);
      figures.firstLoadBytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);

      expect(await page.locator('#page-overview article.account').count()).toBe(20);
      // The counts are of every capability of every account: each AWS account has every capability AWS's model
      // knows, each account outside AWS its one (sign in, or administer).
      const counted = await page.locator('#page-overview .summary .count.state b').allTextContents();
      expect(counted.reduce((sum, text) => sum + Number(text), 0)).toBe(
        ACCOUNTS * capabilityIds.length + outside,
      );
      expect(await page.locator('#page-overview p.others').textContent()).toMatch(
        new RegExp(`^${ACCOUNTS + outside - 20} more accounts: `),
      );
    }, 180_000);

    it('opens an account that is not among the worst on demand', async () => {
      const ranked = await page
        .locator('#account-choices option')
        .evaluateAll((options: Attributed[]) => options.map((option) => option.getAttribute('value') ?? ''));
      expect(ranked).toHaveLength(ACCOUNTS + outside);
      // The last AWS account in the ranking (an outside account has one capability, not AWS's).
      const wanted = ranked.filter((id) => /^\d{12}$/.test(id)).at(-1)!;
      const started = performance.now();
      await page.locator('#open-account').fill(wanted);
      await page.locator('.open-account-form button[type="submit"]').click();
      const opened = page.locator(`.opened-account article.account[data-account="${wanted}"]`);
      await opened.waitFor({ timeout: 60_000 });
      figures.openAccountMs = performance.now() - started;
      expect(await opened.locator('.tile').count()).toBe(capabilityIds.length);
    }, 120_000);

    it('answers what-if clicks', async () => {
      await page.goto(`${new URL(server!.url).origin}/#whatif`);
      const section = page.locator('#page-whatif');
      await page.locator('#page-whatif[data-ready="true"]').waitFor({ timeout: 120_000 });
      await expect.poll(() => section.getAttribute('data-busy'), { timeout: 120_000 }).toBeNull();
      // An account's own MFA device (a security key; in the varied Organization, any of root's): what a user checks
      // one account at a time.
      const factors = await page
        .locator('#page-whatif button.factor')
        .evaluateAll((buttons: Attributed[]) =>
          buttons.map((button) => button.getAttribute('data-factor') ?? ''),
        );
      expect(factors.length).toBeGreaterThan(0);
      const own = factors.filter((id) => /^(key-\d+|root-\d+-\d+)$/.test(id));
      const picked = (own.length > 0 ? own : factors).slice(0, CLICKS / 2);
      // Factors every account (or most) shares, as the generator names them: each changes thousands of capabilities
      // (an admin's phone: in the varied Organization, thousands of roots' authenticator or contact number).
      const shared = ['card-main', 'team-vault', 'aiko-phone'].filter((id) => factors.includes(id));
      for (const id of [...picked, ...shared]) {
        const times = picked.includes(id) ? figures.clickMs : figures.sharedClickMs;
        const names = picked.includes(id) ? figures.clickedFactors : figures.sharedClickedFactors;
        for (const pressed of ['true', 'false']) {
          // Answered: the page drawn again for this scenario (not busy), the button pressed (or not) as asked.
          const { pageMs, driverMs, server } = await timedClick(
            page,
            page.locator(`#page-whatif button.factor[data-factor="${id}"]`),
            `#page-whatif:not([data-busy]) button.factor[data-factor="${id}"][aria-pressed="${pressed}"]`,
            '/api/whatif',
          );
          // The server says what it spent on each answer (Server-Timing): the rest is the page's and the wire's.
          expect(server).toEqual({
            evaluate: expect.any(Number) as number,
            summary: expect.any(Number) as number,
            json: expect.any(Number) as number,
          });
          times.push(pageMs);
          (picked.includes(id) ? figures.clickDriverMs : figures.sharedClickDriverMs).push(driverMs);
          (picked.includes(id) ? figures.clickServer : figures.sharedClickServer).push(server!);
          names.push(id);
        }
      }
      const scenario = page.locator('#page-whatif .scenario-state');
      expect(await scenario.getAttribute('data-empty')).toBe('true');
      expect(problems).toEqual([]);
      // Reported, not asserted: CI machines differ (bench/dashboard-run.mjs judges the targets at 10,000).
      console.log(
        `dashboard at ${ACCOUNTS} accounts: first load ${(figures.firstLoadBytes / 1e6).toFixed(2)} MB, ` +
          `usable in ${figures.usableMs.toFixed(0)} ms, what-if click ${median(figures.clickMs).toFixed(0)} ms (median)`,
      );
    }, 600_000);

    it('counts what a shared factor changed, and draws a card only for a changed capability or a shown account', async () => {
      const section = page.locator('#page-whatif');
      const vault = section.locator('button.factor[data-factor="team-vault"]');
      await vault.click();
      await section.locator('button.factor[data-factor="team-vault"][aria-pressed="true"]').waitFor();
      await expect.poll(() => section.getAttribute('data-busy')).toBeNull();
      const strip = section.locator('.state-changes');
      const changed = Number(await strip.getAttribute('data-changed'));
      const counts = await strip
        .locator('.state-change b')
        .evaluateAll((items: { textContent: string | null }[]) =>
          items.map((item) => Number(item.textContent?.replace(/,/g, ''))),
        );
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(changed);
      // Each changed capability's card says what it was; the page holds the shown accounts' and 100 changed at most.
      const was = await section.locator('article.card p.was').count();
      expect(was).toBeLessThanOrEqual(changed);
      if (changed > 0) expect(was).toBeGreaterThan(0);
      expect(await section.locator('article.card').count()).toBeLessThanOrEqual(20 * 5 + outside + 100);
      await vault.click();
      await section.locator('button.factor[data-factor="team-vault"][aria-pressed="false"]').waitFor();
      await expect.poll(() => section.getAttribute('data-busy')).toBeNull();
      expect(await section.locator('.state-changes').count()).toBe(0);
    }, 120_000);
  },
);
