/**
 * docs/rules.md is rendered from the provider model: the committed page must be what the renderer produces
 * today (formatted as `npm run rules-doc` writes it), and the page must carry every rule, timing and figure
 * with its sources and validity.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  dunning,
  factorRestore,
  identityVerificationPhases,
  rules,
  timings,
  type Rule,
} from '../../src/providers/aws/provider-model.js';
import { formatHours, renderRulesDoc, rulesDocCommand } from '../../src/providers/aws/rules-doc.js';
import { formatRulesDoc, rulesDocPath } from '../../scripts/rules-doc.mjs';

describe('docs/rules.md', () => {
  it('is what the renderer produces from the provider model today', async () => {
    const expected = await formatRulesDoc(renderRulesDoc());
    const onDisk = readFileSync(rulesDocPath, 'utf8');
    expect(onDisk, `docs/rules.md is out of date: run \`${rulesDocCommand}\` and commit it`).toBe(expected);
  });
});

describe('renderRulesDoc', () => {
  const page = renderRulesDoc();

  it.each(Object.entries(rules))(
    'shows rule %s with its id, validity, docs and every source',
    (_name, rule) => {
      const { id, title, docs, sources, validFrom, validUntil } = rule as Rule;
      const section = page.slice(page.indexOf(`### ${title}`));
      expect(section).toContain(`Id \`${id}\``);
      expect(section).toContain(`<${docs}>`);
      if (validFrom !== undefined) expect(section.split('\n')[2]).toContain(`from ${validFrom}`);
      if (validUntil !== undefined) expect(section.split('\n')[2]).toContain(validUntil);
      if (validFrom === undefined && validUntil === undefined)
        expect(section.split('\n')[2]).toContain('always');
      for (const source of sources ?? []) {
        expect(section).toContain(`${source.kind}, checked ${source.checked}`);
        if (source.kind === 'documented') expect(section).toContain(`<${source.ref}>`);
      }
    },
  );

  it.each([...Object.entries(timings), ...Object.entries(factorRestore)])(
    'shows %s with its range and sources',
    (name, timing) => {
      const section = page.slice(page.indexOf(`### \`${name}\``));
      const { min, typical, max } = timing.duration;
      expect(section).toContain(`${formatHours(min)} / ${formatHours(typical)} / ${formatHours(max)}`);
      for (const source of timing.sources)
        expect(section).toContain(`${source.kind}, checked ${source.checked}`);
    },
  );

  it('shows the identity-verification phases and the cost with their sources', () => {
    const phases = identityVerificationPhases;
    for (const source of [
      ...phases.notaryLeadTime.sources,
      ...phases.reviewBusinessDays.sources,
      ...phases.mfaRemovalDelay.sources,
      ...phases.costSources,
    ]) {
      expect(page).toContain(source.ref);
    }
    expect(page).toContain('11,500 JPY');
  });

  it.each(Object.keys(dunning.sources))('shows dunning figure %s with its sources', (name) => {
    const section = page.slice(page.indexOf(`### \`${name}\``));
    for (const source of dunning.sources[name as keyof typeof dunning.sources]) {
      expect(section).toContain(`${source.kind}, checked ${source.checked}`);
    }
  });

  it('escapes data that Markdown would read as formatting', () => {
    // "payments:*" must not open an emphasis that swallows the rest of the paragraph.
    expect(page).toContain('payments:\\*');
  });
});

describe('formatHours', () => {
  it.each([
    [0, '0'],
    [0.25, '15 min'],
    [1, '1 h'],
    [47, '47 h'],
    [48, '2 days'],
    [24 * 90, '90 days'],
  ])('%d hours reads %s', (value, expected) => {
    expect(formatHours(value)).toBe(expected);
  });
});
