// Issue 16: the GitHub, registrar, 1Password and Bitwarden models are data with sources: every rule and timing
// names at least one source checked 2026-12-04, a documented one is a URL, and the figures say what was found.
import { describe, expect, it } from 'vitest';
import { onePasswordRules, onePasswordTimings } from '../../src/providers/1password/provider-model.js';
import {
  bitwardenRules,
  bitwardenTimings,
  emergencyAccessTiming,
} from '../../src/providers/bitwarden/provider-model.js';
import { githubRules, githubTimings } from '../../src/providers/github/provider-model.js';
import {
  daysUntilDomainGone,
  registrarFacts,
  registrarRules,
  registrarTimings,
} from '../../src/providers/registrar/provider-model.js';
import type { Rule, Source, Timing } from '../../src/recovery/rules.js';

const models: [string, Record<string, Rule>, Record<string, Timing>][] = [
  ['github', githubRules, githubTimings],
  ['registrar', registrarRules, registrarTimings],
  ['1password', onePasswordRules, onePasswordTimings],
  ['bitwarden', bitwardenRules, bitwardenTimings],
];

function wellSourced(sources: readonly Source[] | undefined): void {
  expect(sources?.length ?? 0).toBeGreaterThan(0);
  for (const source of sources ?? []) {
    expect(source.checked).toBe('2026-12-04');
    if (source.kind === 'documented') expect(source.ref).toMatch(/^https:\/\//);
  }
}

describe.each(models)('the %s model', (_name, rules, timings) => {
  it('has a source, checked on 2026-12-04, behind every rule and timing', () => {
    for (const rule of Object.values(rules)) wellSourced(rule.sources);
    for (const timing of Object.values(timings)) wellSourced(timing.sources);
  });
});

describe('figures', () => {
  it("GitHub's recovery request takes up to three business days (72 h typical, a weekend at worst)", () => {
    expect(githubTimings.recoveryRequest.duration).toEqual({ min: 4, typical: 72, max: 120 });
  });

  it("a domain is gone 74 days after expiry at Route 53, 30 at Cloudflare, ICANN's 30-day floor elsewhere", () => {
    expect(daysUntilDomainGone(registrarFacts.route53)).toEqual({ days: 74, basis: 'registrar' });
    expect(daysUntilDomainGone(registrarFacts.cloudflare)).toEqual({ days: 30, basis: 'registrar' });
    expect(daysUntilDomainGone(registrarFacts.gandi)).toEqual({ days: 30, basis: 'icann-floor' });
  });

  it('Bitwarden emergency access takes the declared wait, never less', () => {
    expect(emergencyAccessTiming(7).duration.min).toBe(168);
  });

  it('the Bitwarden wait range that was not found is said to be not found, not invented', () => {
    expect(
      bitwardenRules.emergencyAccess.sources.some((s) => s.kind === 'observed' && /not found/.test(s.ref)),
    ).toBe(true);
  });
});
