/**
 * The dashboard follows the inventory file: `lockout serve` on a copy of the small-team example, driven with
 * Debian's Chromium. Saving the file redraws the page from the new version and keeps the what-if choices; a save
 * with a mistake shows it (file and line) while the last good version stays on screen.
 * Skipped when /usr/bin/chromium is absent (CI installs it).
 */

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeHandle } from '../../src/cli/serve-command.js';
import { hasChromium, openDashboardBrowser } from './browser.js';

const example = fileURLToPath(new URL('../../examples/small-team.yaml', import.meta.url));

describe.skipIf(!hasChromium)('lockout serve follows the inventory file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockout-reload-'));
  const file = join(dir, 'lockout.yaml');
  const original = readFileSync(example, 'utf8');
  let server: ServeHandle | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    copyFileSync(example, file);
    server = await startServe({ inventory: file, store: join(dir, 'lockout.db') });
    ({ browser, page, problems } = await openDashboardBrowser(() => new URL(server!.url).origin));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('redraws after a save, keeps the what-if choices, and shows a mistake without losing the page', async () => {
    await page.goto(server!.url);
    await page.locator('#page-overview[data-ready="true"]').waitFor();
    expect(await page.locator('#page-overview').textContent()).toContain('acme-staging');

    // A what-if choice, to be carried across the reload.
    await page.goto(`${new URL(server!.url).origin}/#whatif`);
    await page.locator('#page-whatif[data-ready="true"]').waitFor();
    const key = page.locator('#page-whatif button[data-factor="key-mika"]');
    await key.click();
    await expect.poll(() => key.getAttribute('aria-pressed')).toBe('true');

    writeFileSync(file, original.replace('name: acme-staging', 'name: acme-qa'));
    const notice = page.locator('#reload-notice');
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain('loaded again');
    await page.locator('#page-whatif[data-ready="true"]').waitFor();
    expect(
      await page.locator('#page-whatif button[data-factor="key-mika"]').getAttribute('aria-pressed'),
    ).toBe('true');
    await page.goto(`${new URL(server!.url).origin}/#overview`);
    await expect.poll(() => page.locator('#page-overview').textContent()).toContain('acme-qa');

    writeFileSync(file, original.replace('name: acme-staging', 'name: [acme, staging]'));
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain('has a mistake');
    expect(await notice.textContent()).toContain('lockout.yaml:');
    expect(await notice.getAttribute('class')).toContain('problem');
    expect(await page.locator('#page-overview').textContent()).toContain('acme-qa');
    expect(problems).toEqual([]);
  }, 60_000);
});
