/**
 * The HTML report of `lockout check` in Chromium: each capability's state chip is painted in its state's
 * colours (src/report/capability-state.ts), as the dashboard paints its tiles; the top of the report is saved
 * as docs/check-report-top.png. The page is a file: it must fetch nothing.
 * Skipped when /usr/bin/chromium is absent (CI installs it).
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import { stateStyles, type CapabilityState } from '../../src/report/capability-state.js';
import { hasChromium, openDashboardBrowser } from './browser.js';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));

/** "#b26a00" → "rgb(178, 106, 0)", as the browser reports a computed colour. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

describe.skipIf(!hasChromium)('the HTML check report in Chromium', () => {
  it('paints every state chip in its state colours, and its top is saved for docs/', async () => {
    const { output } = await runCheck(undefined, {
      example: 'incident',
      deadline: '2022-06-30',
      format: 'html',
      failOn: 'none',
      color: false,
    });
    const file = join(mkdtempSync(join(tmpdir(), 'lockout-html-')), 'report.html');
    writeFileSync(file, output);
    const url = pathToFileURL(file).href;
    const { browser, page, problems } = await openDashboardBrowser(() => url);
    try {
      await page.goto(url);
      const chips = await page.locator('table.capabilities .chip').evaluateAll((elements) =>
        elements.map((element) => {
          const style = (
            globalThis as unknown as {
              getComputedStyle: (of: unknown) => { color: string; backgroundColor: string };
            }
          ).getComputedStyle(element);
          return {
            state: (element as unknown as { className: string }).className.replace('chip state-', ''),
            text: (element as unknown as { textContent: string }).textContent,
            ink: style.color,
            background: style.backgroundColor,
          };
        }),
      );
      // Four capabilities, and hearing about trouble, unknown for want of an alert channel.
      expect(chips.length).toBe(5);
      expect(chips.map((chip) => chip.state)).toContain('unknown');
      for (const chip of chips) {
        const style = stateStyles[chip.state as CapabilityState];
        expect(chip.text.startsWith(style.label)).toBe(true);
        expect([chip.ink, chip.background]).toEqual([rgb(style.stroke), rgb(style.fill)]);
      }
      await page.setViewportSize({ width: 1280, height: 1100 });
      await page.screenshot({ path: join(docs, 'check-report-top.png') });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
