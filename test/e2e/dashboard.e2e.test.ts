/**
 * The dashboard end to end: `lockout serve` on the incident example, driven with Debian's Chromium through
 * playwright-core. On the what-if page, getting the old phone back takes root sign-in out of the red and losing
 * it again puts it back; the Plan page replays the incident (LATE, the hold request ready to copy); the overview,
 * the graph, the what-if and the plan pages are saved as screenshots in docs/.
 * Skipped when /usr/bin/chromium is absent (CI installs it).
 */

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeHandle } from '../../src/cli/serve-command.js';
import { CHROMIUM, hasChromium, openDashboardBrowser } from './browser.js';
const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
const rootSignIn = '111122223333/root-sign-in';

if (!hasChromium) {
  console.warn(`dashboard e2e skipped: ${CHROMIUM} is absent (apt-get install -y chromium; CI installs it)`);
}

describe.skipIf(!hasChromium)('lockout serve in Chromium', () => {
  let server: ServeHandle | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const origin = (): string => new URL(server!.url).origin;
  let problems: string[] = [];

  beforeAll(async () => {
    server = await startServe({
      example: 'incident',
      deadline: '2022-06-30',
      // A store that does not exist: the history is empty and nothing is created.
      store: join(mkdtempSync(join(tmpdir(), 'lockout-e2e-')), 'lockout.db'),
    });
    ({ browser, page, problems } = await openDashboardBrowser(origin));
    mkdirSync(docs, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const card = (id: string) => page.locator(`#page-whatif article.card[data-capability="${id}"]`);

  it('prints an address on 127.0.0.1 with the token', () => {
    expect(server!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
    expect(server!.url).toContain(server!.token);
  });

  it('opens the overview with the token, and the address loses it', async () => {
    await page.goto(server!.url);
    await page.locator('#page-overview[data-ready="true"]').waitFor();
    expect(page.url()).not.toContain('token=');
    const tile = page.locator(`#page-overview .tile[data-capability="${rootSignIn}"]`);
    await expect.poll(() => tile.getAttribute('data-colour')).toBe('red');
    // The state in the reports' words and colours, red as the tile: its one way left takes days.
    expect(await tile.getAttribute('data-state')).toBe('no-fast-way');
    expect(await tile.locator('.verdict').textContent()).toBe('no fast way');
    expect(await tile.locator('.tile-detail').textContent()).toMatch(
      /^locked out for now: only identity verification/,
    );
    // The state class paints the tile in its colours (web/states.css, from src/report/capability-state.ts).
    // Runs in the page; the test is compiled without the DOM's types, so the two browser calls are named here.
    type Painted = { backgroundColor: string; borderLeftColor: string; color: string };
    type PageElement = { querySelector(selector: string): PageElement | null };
    const painted = await tile.evaluate((element: PageElement) => {
      const styleOf = (globalThis as unknown as { getComputedStyle: (of: PageElement) => Painted })
        .getComputedStyle;
      const style = styleOf(element);
      const verdict = styleOf(element.querySelector('.verdict')!);
      return { background: style.backgroundColor, edge: style.borderLeftColor, ink: verdict.color };
    });
    // stateStyles['no-fast-way']: #fbe9e7 on #d84315.
    expect(painted).toEqual({
      background: 'rgb(251, 233, 231)',
      edge: 'rgb(216, 67, 21)',
      ink: 'rgb(216, 67, 21)',
    });
    await page.screenshot({ path: join(docs, 'dashboard-overview.png'), fullPage: true });
  });

  it('draws the recovery graph and lights up the lockout sets of root sign-in', async () => {
    await page.setViewportSize({ width: 1680, height: 1050 });
    await page.goto(`${origin()}/#graph`);
    await page.locator('#page-graph[data-ready="true"]').waitFor();
    await page.locator(`#page-graph button.pick[data-node="${rootSignIn}"]`).click();
    await expect.poll(() => page.locator('#page-graph .sets li').count()).toBeGreaterThan(0);
    // The pointer rests where the button was, now over one lockout set: move it off to show them all.
    await page.mouse.move(5, 5);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(docs, 'dashboard-graph.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('what-if: getting the old phone back takes root sign-in out of the red; losing it puts it back', async () => {
    await page.goto(`${origin()}/#whatif`);
    await page.locator('#page-whatif[data-ready="true"]').waitFor();
    await expect.poll(() => card(rootSignIn).getAttribute('data-colour')).toBe('red');

    const phone = page.locator('#page-whatif button[data-factor="old-phone"]');
    await phone.click();
    await expect.poll(() => card(rootSignIn).getAttribute('data-colour')).not.toBe('red');
    expect(await card(rootSignIn).locator('.tile-detail').textContent()).toMatch(/^holds, one loss away: /);
    expect(await phone.getAttribute('aria-pressed')).toBe('true');

    await page.locator('#page-whatif button[data-factor="old-phone"]').click();
    await expect.poll(() => card(rootSignIn).getAttribute('data-colour')).toBe('red');
    expect(await card(rootSignIn).locator('.verdict').textContent()).toBe('no fast way');
    expect(await card(rootSignIn).locator('.tile-detail').textContent()).toContain(
      'locked out for now: only identity verification',
    );

    // For the picture: both photo IDs lost too, so root sign-in is lost and the way back misses the deadline.
    await page.locator('#page-whatif button[data-factor="passport"]').click();
    await expect
      .poll(() => page.locator('#page-whatif button[data-factor="passport"]').getAttribute('aria-pressed'))
      .toBe('true');
    await page.locator('#page-whatif button[data-factor="driving-licence"]').click();
    await expect.poll(() => card(rootSignIn).locator('.verdict').textContent()).toBe('lost now');
    await expect
      .poll(() => card(rootSignIn).locator('figcaption').textContent())
      .toMatch(/LATE in the typical case/);
    await page.screenshot({ path: join(docs, 'dashboard-whatif.png'), fullPage: true });
  });

  it('plan: the incident replayed from the defaults is LATE, with the hold request first and a timeline', async () => {
    await page.goto(`${origin()}/#plan`);
    await page.locator('#page-plan[data-ready="true"]').waitFor();
    const form = page.locator('#page-plan form.plan-form');
    expect(await form.locator('input[name="pastDue"]').inputValue()).toBe('2022-06-09');
    expect(await form.locator('input[name="suspension"]').inputValue()).toBe('2022-06-17');
    expect(await form.locator('input[name="deadline"]').inputValue()).toBe('2022-06-30');
    expect(await form.locator('input[name="notary"]').inputValue()).toBe('2022-06-27T14:00');
    expect(await form.locator('input[name="tz"]').inputValue()).toBe('Asia/Tokyo');

    const result = page.locator('#page-plan .plan-result');
    // The plan for the defaults is drawn on opening; submitting them draws it again.
    await page.locator('#page-plan .plan-result[data-runs]').waitFor();
    const before = Number((await result.getAttribute('data-runs')) ?? '0');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(async () => Number((await result.getAttribute('data-runs')) ?? '0'))
      .toBeGreaterThan(before);
    expect(await result.getAttribute('data-verdict')).toBe('late');

    const verdict = result.locator('.plan-verdict');
    expect(await verdict.getAttribute('data-colour')).toBe('red');
    expect(await verdict.locator('.plan-verdict-words').textContent()).toBe('LATE');
    expect(await verdict.locator('.plan-headline').textContent()).toMatch(
      /^LATE: .*Ask AWS Support for a hold on suspension now/,
    );
    const request = await verdict.locator('textarea.hold-request').inputValue();
    expect(request).toContain('please hold the suspension');
    expect(request).toContain('111122223333');
    // The verdict comes before the timeline and the steps.
    const top = async (selector: string): Promise<number> =>
      (await result.locator(selector).boundingBox())?.y ?? Number.NaN;
    expect(await top('.plan-verdict')).toBeLessThan(await top('.plan-timeline'));
    expect(await top('.plan-timeline')).toBeLessThan(await top('.plan-steps'));

    const timeline = result.locator('.plan-timeline svg');
    expect(await timeline.locator('rect.bar').count()).toBeGreaterThan(5);
    expect(await timeline.locator('rect.bar.aws[data-step="aws-review"]').count()).toBe(1);
    expect(await timeline.locator('.deadline-label').allTextContents()).toEqual([
      'deadline Fri 2022-07-01 16:00 Asia/Tokyo',
      '= Fri 2022-07-01 00:00 US Pacific',
    ]);
    const removed = result.locator('.plan-steps li[data-step="mfa-removed"]');
    expect(await removed.locator('.plan-step-pacific').textContent()).toMatch(/→ Fri 2022-07-01/);
    expect(await removed.locator('.tag.late').count()).toBe(1);
    await page.screenshot({ path: join(docs, 'dashboard-plan.png'), fullPage: true });
  });

  it('loads nothing from elsewhere and logs no errors', () => {
    expect(problems).toEqual([]);
  });
});
