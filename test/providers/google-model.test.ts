/**
 * The Google account model (issue 16) is sourced, dated data: every rule and timing names where it comes
 * from, documented ones on Google's own help pages, each checked on the day it was read; docs/rules.md
 * carries them all (its drift is tested in rules-doc.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { googleChecked, googleRules, googleTimings } from '../../src/providers/google/provider-model.js';
import { formatHours, renderRulesDoc } from '../../src/providers/aws/rules-doc.js';
import type { Rule } from '../../src/recovery/rules.js';

describe('the Google provider model', () => {
  it.each(Object.entries(googleRules))(
    'rule %s has sources, each checked and documented ones at Google',
    (_name, rule) => {
      const { sources, docs } = rule as Rule;
      expect(sources?.length).toBeGreaterThan(0);
      expect(docs).toMatch(/^https:\/\/support\.google\.com\/accounts\/answer\/\d+$/);
      for (const source of sources ?? []) {
        expect(source.checked).toBe(googleChecked);
        if (source.kind === 'documented') {
          expect(source.ref).toMatch(/^https:\/\/support\.google\.com\/accounts\/answer\/\d+$/);
          expect(source.note, 'what the page says that the rule rests on').toBeTruthy();
        }
      }
    },
  );

  it('says where each timing comes from, and marks the estimates as observed', () => {
    for (const timing of Object.values(googleTimings)) {
      expect(timing.sources.length).toBeGreaterThan(0);
      const { min, typical, max } = timing.duration;
      expect(min <= typical && typical <= max).toBe(true);
    }
    // Google gives no figure for a sign-in or a reset code: estimates, never called documented.
    expect(googleTimings.signIn.sources.map((source) => source.kind)).toEqual(['observed']);
    // 3-5 business days is Google's own figure: at least 3 days, at most 5 business days over a weekend.
    expect(googleTimings.recoveryWithTwoStep.sources.map((source) => source.kind)).toEqual(['documented']);
    expect(googleTimings.recoveryWithTwoStep.duration).toEqual({ min: 72, typical: 96, max: 168 });
  });

  it('is on the generated rules page, every rule with its id and sources, every timing with its range', () => {
    const page = renderRulesDoc();
    const google = page.slice(page.indexOf('## Google accounts'));
    expect(google).not.toBe(page);
    for (const rule of Object.values(googleRules) as Rule[]) {
      const section = google.slice(google.indexOf(`### ${rule.title}`));
      expect(section).toContain(`Id \`${rule.id}\``);
      for (const source of rule.sources ?? []) {
        expect(section).toContain(`${source.kind}, checked ${source.checked}`);
        if (source.kind === 'documented') expect(section).toContain(`<${source.ref}>`);
      }
    }
    for (const [name, timing] of Object.entries(googleTimings)) {
      const section = google.slice(google.indexOf(`### \`google.${name}\``));
      const { min, typical, max } = timing.duration;
      expect(section).toContain(`${formatHours(min)} / ${formatHours(typical)} / ${formatHours(max)}`);
    }
    expect(page).toContain('## Other providers');
  });
});
