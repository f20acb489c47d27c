/**
 * Providers as groups on the dashboard, end to end (issue 16): `lockout serve` on the incident with its outside
 * link declared (examples/incident-2022-outside.yaml: root's address is a Gmail address whose 2-Step
 * Verification and recovery rest on the old number, in the old phone), driven with Debian's Chromium through
 * playwright-core. The overview groups the accounts under AWS and Google; the graph draws an AWS box and a
 * Google box with the edge from AWS's root mailbox use to the Google account; losing the old phone on the
 * what-if page turns the Google sign-in red. Nothing is saved to docs/.
 * Skipped when /usr/bin/chromium is absent (CI installs it).
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeHandle } from '../../src/cli/serve-command.js';
import { CHROMIUM, hasChromium, openDashboardBrowser } from './browser.js';

const aws = '111122223333';
const googleSignIn = 'google-alex/sign-in';

if (!hasChromium) {
  console.warn(`providers e2e skipped: ${CHROMIUM} is absent (apt-get install -y chromium; CI installs it)`);
}

describe.skipIf(!hasChromium)('providers as groups in Chromium', () => {
  let server: ServeHandle | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const origin = (): string => new URL(server!.url).origin;
  let problems: string[] = [];

  beforeAll(async () => {
    server = await startServe({
      inventory: 'examples/incident-2022-outside.yaml',
      deadline: '2022-06-30',
      store: join(mkdtempSync(join(tmpdir(), 'lockout-e2e-providers-')), 'lockout.db'),
    });
    ({ browser, page, problems } = await openDashboardBrowser(origin));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the overview groups the accounts under AWS, then Google', async () => {
    await page.goto(server!.url);
    await page.locator('#page-overview[data-ready="true"]').waitFor();
    const groups = page.locator('#page-overview section.provider-accounts');
    expect(
      await groups.evaluateAll((all) => all.map((each) => (each as unknown as Tagged).dataset.provider)),
    ).toEqual(['aws', 'google']);
    const google = page.locator('#page-overview section.provider-accounts[data-provider="google"]');
    expect(await google.locator('h2.provider-name').textContent()).toMatch(/^Google /);
    expect(await google.locator(`.tile[data-capability="${googleSignIn}"]`).count()).toBe(1);
    const awsGroup = page.locator('#page-overview section.provider-accounts[data-provider="aws"]');
    expect(await awsGroup.locator(`.tile[data-capability="${aws}/root-sign-in"]`).count()).toBe(1);
  });

  it('the graph draws an AWS box and a Google box, and the edge from one to the other', async () => {
    await page.goto(`${origin()}/#graph`);
    await page.locator('#page-graph[data-ready="true"]').waitFor();
    const canvas = page.locator('#graph-canvas');
    // Each provider's box as cytoscape drew it, with the nodes inside it.
    const boxes = new Map<string, number>();
    for (const box of ((await canvas.getAttribute('data-providers')) ?? '').split(' ').filter(Boolean)) {
      const [id, children] = box.split(':');
      boxes.set(id!, Number(children));
    }
    expect([...boxes.keys()]).toEqual(['aws', 'google']);
    expect(boxes.get('aws')).toBeGreaterThan(0);
    expect(boxes.get('google')).toBeGreaterThan(0);
    expect(Number(await canvas.getAttribute('data-crossings'))).toBeGreaterThan(0);

    // The panel says the same in words: the groups, each with its accounts' capabilities, and the crossings.
    const panel = page.locator('#page-graph .graph-panel');
    expect(await panel.locator('.provider-group[data-provider="aws"] > h4').textContent()).toBe('AWS');
    expect(await panel.locator('.provider-group[data-provider="google"] > h4').textContent()).toBe('Google');
    expect(
      await panel
        .locator(`.provider-group[data-provider="google"] button.pick[data-node="${googleSignIn}"]`)
        .count(),
    ).toBe(1);
    const crossing = panel.locator(
      `.crossings li[data-from="${aws}/receive-billing-notices"][data-to="aws-mailbox"]`,
    );
    expect(await crossing.textContent()).toMatch(/^AWS: .* → Google: /);
  });

  it('what-if: losing the old phone turns the Google sign-in red', async () => {
    await page.goto(`${origin()}/#whatif`);
    await page.locator('#page-whatif[data-ready="true"]').waitFor();
    const card = page.locator(
      `#page-whatif section.provider-capabilities[data-provider="google"] article.card[data-capability="${googleSignIn}"]`,
    );
    await expect.poll(() => card.getAttribute('data-colour')).not.toBe('red');
    await page.locator('#page-whatif button[data-factor="old-phone"]').click();
    await expect.poll(() => card.getAttribute('data-colour')).toBe('red');
    expect(await card.locator('.verdict').textContent()).toBe('lost now');
    expect(problems).toEqual([]);
  });
});

/** An element's data attributes, as the page sees them (the test is compiled without the DOM's types). */
interface Tagged {
  dataset: Record<string, string | undefined>;
}
