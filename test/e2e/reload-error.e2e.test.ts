/**
 * An internal error while the dashboard loads the inventory again (a bug, not a mistake in the file): the page
 * says so over the last good version instead of going silently stale, and the next save draws the new version.
 * The fault is injected into the loader: no inventory is known to cause one. Driven with Debian's Chromium;
 * skipped when /usr/bin/chromium is absent (CI installs it).
 */

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/auth.js';
import { LiveDashboard, loadDashboard } from '../../src/server/dashboard.js';
import { hasChromium, openDashboardBrowser } from './browser.js';

const example = fileURLToPath(new URL('../../examples/small-team.yaml', import.meta.url));

describe.skipIf(!hasChromium)('the page after an internal error on reload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockout-reload-error-'));
  const file = join(dir, 'lockout.yaml');
  const original = readFileSync(example, 'utf8');
  const token = newToken();
  let failing = false;
  let live: LiveDashboard | undefined;
  let server: ServerType | undefined;
  let origin = '';
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    copyFileSync(example, file);
    live = await LiveDashboard.load({ inventory: file }, async (input) => {
      if (failing) throw new TypeError('engine fault');
      return loadDashboard(input);
    });
    live.watch(undefined, () => undefined);
    const allowedHosts: string[] = [];
    const app = createApp({ data: live, token, store: join(dir, 'lockout.db'), allowedHosts });
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => {
        resolve(started);
      });
    });
    const { port } = server.address() as AddressInfo;
    allowedHosts.push(`127.0.0.1:${port}`);
    origin = `http://127.0.0.1:${port}`;
    ({ browser, page, problems } = await openDashboardBrowser(() => origin));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    live?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('shows the error over the last good version, then draws the next good save', async () => {
    await page.goto(`${origin}/?token=${token}`);
    await page.locator('#page-overview[data-ready="true"]').waitFor();
    const overview = page.locator('#page-overview');
    const notice = page.locator('#reload-notice');
    expect(await overview.textContent()).toContain('acme-staging');

    failing = true;
    writeFileSync(file, original.replace('name: acme-staging', 'name: acme-qa'));
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain('could not be loaded again');
    expect(await notice.textContent()).toContain('engine fault');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.getAttribute('class')).toContain('problem');
    expect(await overview.textContent()).toContain('acme-staging');

    failing = false;
    writeFileSync(file, original.replace('name: acme-staging', 'name: acme-dev'));
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain('loaded again at');
    await page.locator('#page-overview[data-ready="true"]').waitFor();
    expect(await page.locator('#page-overview').textContent()).toContain('acme-dev');
    expect(problems).toEqual([]);
  }, 60_000);
});
