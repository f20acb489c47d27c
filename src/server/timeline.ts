/**
 * The fastest way back as a schedule for a timeline: replacing lost factors starts at once and runs in
 * parallel; a procedure (identity verification, changing the card) starts when the steps it waits for are
 * done. The engine chooses the steps and what each waits for; this only places them in time, for the best,
 * typical and worst cases.
 */

import type { DurationRange } from '../analysis/graph.js';
import type { RecoveryEstimate, RecoveryStep } from '../analysis/recovery-time.js';

export interface TimelineStep {
  label: string;
  kind: 'restore' | 'process';
  /** Hours from now. */
  start: DurationRange;
  end: DurationRange;
  cost: number;
}

const ZERO: DurationRange = { min: 0, typical: 0, max: 0 };

/** The steps of an estimate with their start and end times, in the order they start. */
export function scheduleRecovery(estimate: RecoveryEstimate): TimelineStep[] {
  if (!estimate.possible) return [];
  const byName = new Map(estimate.steps.map((step) => [step.name, step]));
  const starts = new Map<string, DurationRange>();
  const ends = new Map<string, DurationRange>();
  const placing = new Set<string>();

  const endOf = (step: RecoveryStep): DurationRange => {
    const known = ends.get(step.name);
    if (known) return known;
    placing.add(step.name);
    let start = ZERO;
    for (const name of step.after) {
      const before = byName.get(name);
      // A step is never its own prerequisite; the guard only protects against a malformed estimate.
      if (before && !placing.has(name)) start = latest(start, endOf(before));
    }
    placing.delete(step.name);
    const end = {
      min: start.min + step.duration.min,
      typical: start.typical + step.duration.typical,
      max: start.max + step.duration.max,
    };
    starts.set(step.name, start);
    ends.set(step.name, end);
    return end;
  };

  return estimate.steps
    .map((step): TimelineStep => {
      const end = endOf(step);
      return { label: step.label, kind: step.kind, start: starts.get(step.name)!, end, cost: step.cost };
    })
    .sort((a, b) => a.start.typical - b.start.typical || a.end.typical - b.end.typical);
}

function latest(a: DurationRange, b: DurationRange): DurationRange {
  return {
    min: Math.max(a.min, b.min),
    typical: Math.max(a.typical, b.typical),
    max: Math.max(a.max, b.max),
  };
}
