/**
 * The provider model as dated, sourced data: every rule, timing, factor restore, identity-verification phase
 * and dunning figure names at least one source; documented sources are https pages, every day is a real
 * date, intervals are ordered, and `ruleHolds` is right on both edges of every interval.
 */

import { describe, expect, it } from 'vitest';
import { addDays, dayNumber } from '../../src/checks/dates.js';
import type { Day } from '../../src/model/inventory.js';
import {
  dunning,
  factorRestore,
  identityVerificationPhases,
  rootMfaEnforcement,
  ruleHolds,
  rules,
  timings,
  type Rule,
  type Source,
} from '../../src/providers/aws/provider-model.js';

/** The sources of the dunning figures by name (read loosely: a model without them must fail, not crash). */
function dunningSources(): Record<string, readonly Source[] | undefined> {
  return (dunning as { sources?: Record<string, readonly Source[] | undefined> }).sources ?? {};
}

/** Every sourced item of the model, named as a reader would look it up. */
function sourcedItems(): [string, readonly Source[] | undefined][] {
  const phases = identityVerificationPhases;
  const dunningFigures = Object.entries(dunning).filter(
    ([, value]) => typeof value === 'object' && 'min' in value,
  );
  return [
    ...Object.entries(rules).map(([name, rule]): [string, readonly Source[] | undefined] => [
      `rules.${name}`,
      (rule as Rule).sources,
    ]),
    ...Object.entries(timings).map(([name, timing]): [string, readonly Source[]] => [
      `timings.${name}`,
      timing.sources,
    ]),
    ...Object.entries(factorRestore).map(([name, timing]): [string, readonly Source[]] => [
      `factorRestore.${name}`,
      timing.sources,
    ]),
    ['identityVerificationPhases.notaryLeadTime', phases.notaryLeadTime.sources],
    ['identityVerificationPhases.reviewBusinessDays', phases.reviewBusinessDays.sources],
    ['identityVerificationPhases.mfaRemovalDelay', phases.mfaRemovalDelay.sources],
    ['identityVerificationPhases.cost', phases.costSources],
    ...dunningFigures.map(([name]): [string, readonly Source[] | undefined] => [
      `dunning.${name}`,
      dunningSources()[name],
    ]),
  ];
}

const allRules: [string, Rule][] = Object.entries(rules);

/** Day order, through a function so the model's literal types do not decide the comparison at compile time. */
const notAfter = (earlier: Day, later: Day): boolean => dayNumber(earlier) <= dayNumber(later);
const today: Day = new Date().toISOString().slice(0, 10);

/** A day string that is a real calendar date (dayNumber throws on 2024-02-30 or 2024-2-3). */
function isRealDay(day: string): boolean {
  try {
    dayNumber(day);
    return true;
  } catch {
    return false;
  }
}

describe('provider model sources', () => {
  it.each(sourcedItems())('%s names at least one source', (_name, sources) => {
    expect(sources?.length ?? 0).toBeGreaterThan(0);
  });

  it('covers every dunning figure, including ones added later', () => {
    const figures = Object.keys(dunning).filter((key) => {
      const value = (dunning as Record<string, unknown>)[key];
      return typeof value === 'object' && value !== null && 'min' in value;
    });
    expect(Object.keys(dunningSources()).sort()).toEqual(figures.sort());
  });

  const everySource = sourcedItems().flatMap(([name, sources]) =>
    (sources ?? []).map((source): [string, Source] => [name, source]),
  );

  it.each(everySource.filter(([, source]) => source.kind === 'documented'))(
    '%s: documented source %j is an https page',
    (_name, source) => {
      expect(new URL(source.ref).protocol).toBe('https:');
    },
  );

  it.each(everySource.filter(([, source]) => source.kind === 'observed'))(
    '%s: observed source %j describes the case',
    (_name, source) => {
      // A description a reader can place, not a bare link or a placeholder.
      expect(source.ref.split(' ').length).toBeGreaterThan(4);
    },
  );

  it.each(everySource)('%s: source %j was checked on a real day, not in the future', (_name, source) => {
    expect(isRealDay(source.checked), source.checked).toBe(true);
    expect(notAfter(source.checked, today)).toBe(true);
  });
});

describe('rule validity', () => {
  it.each(allRules)('%s: validity days are real dates, validFrom <= validUntil', (_name, rule) => {
    for (const day of [rule.validFrom, rule.validUntil]) {
      if (day !== undefined) expect(isRealDay(day), day).toBe(true);
    }
    if (rule.validFrom !== undefined && rule.validUntil !== undefined) {
      expect(notAfter(rule.validFrom, rule.validUntil)).toBe(true);
    }
  });

  it.each(allRules.filter(([, rule]) => rule.validFrom !== undefined))(
    '%s holds from validFrom, not the day before',
    (_name, rule) => {
      const from = rule.validFrom!;
      expect(ruleHolds(rule, from)).toBe(true);
      expect(ruleHolds(rule, addDays(from, -1))).toBe(false);
    },
  );

  it.each(allRules.filter(([, rule]) => rule.validUntil !== undefined))(
    '%s holds until validUntil, not the day after',
    (_name, rule) => {
      const until = rule.validUntil!;
      expect(ruleHolds(rule, until)).toBe(true);
      expect(ruleHolds(rule, addDays(until, 1))).toBe(false);
    },
  );

  it('a rule without an interval holds on any day', () => {
    expect(ruleHolds({}, '1970-01-01')).toBe(true);
    expect(ruleHolds({}, '2099-12-31')).toBe(true);
  });

  it('the primary contact moves from the billing console to the API with neither a gap nor an overlap', () => {
    const consoleRule = rules.contactPhoneRepairConsole;
    const apiRule = rules.contactPhoneRepairApi;
    expect(addDays(consoleRule.validUntil, 1)).toBe(apiRule.validFrom);
    // The incident (asOf 2022-06-09) replays under the console rule, as it happened.
    expect(ruleHolds(consoleRule, '2022-06-09')).toBe(true);
    expect(ruleHolds(apiRule, '2022-06-09')).toBe(false);
  });

  it('the aws-portal payment permission overlaps the payments actions only during the 2023 migration', () => {
    expect(notAfter(rules.paymentPermissions.validFrom, rules.legacyPaymentPermissions.validUntil)).toBe(
      true,
    );
    expect(ruleHolds(rules.legacyPaymentPermissions, '2022-06-09')).toBe(true);
    expect(ruleHolds(rules.paymentPermissions, '2022-06-09')).toBe(false);
    expect(
      ruleHolds(rules.legacyPaymentPermissions, addDays(rules.legacyPaymentPermissions.validUntil, 1)),
    ).toBe(false);
  });

  it('root MFA enforcement begins with management accounts, then standalone, then members', () => {
    const { management, standalone, member } = rootMfaEnforcement;
    for (const day of [management, standalone, member]) expect(isRealDay(day), day).toBe(true);
    expect(notAfter(management, standalone) && notAfter(standalone, member)).toBe(true);
    expect(rules.rootMfaEnforced.validFrom).toBe(management);
  });

  it('AssumeRoot and centralized root access hold from the same day', () => {
    expect(rules.assumeRoot.validFrom).toBe(rules.centralizedRootAccess.validFrom);
  });
});

describe('the post-closure period', () => {
  it('cites both published lengths and plans on the earlier', () => {
    const notes = dunning.sources.deletionAfterClosure.map((source) => source.note ?? '').join(' ');
    expect(notes).toMatch(/\b60 days\b/);
    expect(notes).toMatch(/\b90 days\b/);
    expect(dunning.deletionAfterClosure.min).toBe(60 * 24);
    expect(dunning.deletionAfterClosure.max).toBe(90 * 24);
  });

  it('domains go before the post-closure period ends', () => {
    expect(dunning.domainSuspensionAfterClosure.max).toBeLessThan(dunning.deletionAfterClosure.min);
  });
});
