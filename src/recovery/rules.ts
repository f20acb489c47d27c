/**
 * What a provider's rules and figures are made of, whatever the provider: each carries its sources (a page, or
 * a case observed) with the day they were checked, and the interval it holds. The analysis applies the rules in
 * force on the inventory's `asOf`.
 */

import type { DurationRange } from '../analysis/graph.js';
import type { Day } from '../model/inventory.js';

/**
 * Where a rule or figure comes from: a provider's documentation page, or what was observed (an incident, a
 * support reply, a test), with the day it was last checked.
 */
export interface Source {
  kind: 'documented' | 'observed';
  /** A URL for documented sources; a description of the case for observed ones. */
  ref: string;
  /** The day the source was last read or the observation made. */
  checked: Day;
  /** What this source says that the rule or figure rests on, when the page says more than that. */
  note?: string | undefined;
}

export interface Rule {
  id: string;
  title: string;
  /** What the rule says, in one or two sentences. */
  summary: string;
  docs: string;
  /** Where the rule comes from; `docs` is the page to send a reader to, `sources` what backs the rule. */
  sources?: readonly Source[] | undefined;
  /** The first day the rule holds (absent: as far back as Lockout models). */
  validFrom?: Day | undefined;
  /** The last day the rule holds (absent: it still holds). */
  validUntil?: Day | undefined;
}

/** Whether a rule is in force on a day: the analysis applies the rules of the inventory's `asOf`. */
export function ruleHolds(rule: Pick<Rule, 'validFrom' | 'validUntil'>, day: Day): boolean {
  return (
    (rule.validFrom === undefined || rule.validFrom <= day) &&
    (rule.validUntil === undefined || day <= rule.validUntil)
  );
}

export interface Timing {
  duration: DurationRange;
  /** What it costs, when it costs something (the incident's figures where no general one exists). */
  cost?: { amount: number; currency: string } | undefined;
  /** Where the figures come from, in a few words (reports and plans print it next to the figure). */
  source: string;
  /** The sources behind `source`, with their kind and the day they were checked. */
  sources?: readonly Source[] | undefined;
}

export type Basis = 'documented' | 'observed';

/** A duration is documented when a provider's page backs it, observed when only cases do. */
export function timingBasis(timing: Timing): Basis | undefined {
  const kinds = (timing.sources ?? []).map((source) => source.kind);
  if (kinds.length === 0) return undefined;
  return kinds.includes('documented') ? 'documented' : 'observed';
}
