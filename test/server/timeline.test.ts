/**
 * Placing the fastest way back in time: replacements start at once and in parallel, a procedure starts when
 * what it waits for is done, in the best, typical and worst case alike.
 */

import { describe, expect, it } from 'vitest';
import type { DurationRange } from '../../src/analysis/graph.js';
import type { RecoveryEstimate, RecoveryStep } from '../../src/analysis/recovery-time.js';
import { scheduleRecovery } from '../../src/server/timeline.js';

const range = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });

function step(
  name: string,
  kind: RecoveryStep['kind'],
  duration: DurationRange,
  after: string[] = [],
): RecoveryStep {
  return {
    ref: { type: kind === 'restore' ? 'event' : 'gate', index: 0 },
    name,
    label: name,
    kind,
    duration,
    cost: kind === 'process' ? 100 : 0,
    after,
  };
}

function estimate(steps: RecoveryStep[], possible = true): RecoveryEstimate {
  return { possible, duration: range(0, 0, 0), cost: 0, steps };
}

describe('scheduleRecovery', () => {
  it('starts replacements at once, in parallel', () => {
    const schedule = scheduleRecovery(
      estimate([step('passport', 'restore', range(7, 14, 30)), step('sim', 'restore', range(1, 2, 5))]),
    );
    expect(schedule.map((each) => [each.label, each.start.typical, each.end.typical])).toEqual([
      ['sim', 0, 2],
      ['passport', 0, 14],
    ]);
  });

  it('starts a procedure when the slowest step it waits for ends, case by case', () => {
    const schedule = scheduleRecovery(
      estimate([
        step('verify', 'process', range(4, 9, 20), ['passport', 'sim']),
        step('passport', 'restore', range(7, 14, 30)),
        step('sim', 'restore', range(1, 20, 25)),
        step('change card', 'process', range(0, 1, 2), ['verify', 'passport', 'sim']),
      ]),
    );
    const verify = schedule.find((each) => each.label === 'verify')!;
    expect(verify.start).toEqual(range(7, 20, 30));
    expect(verify.end).toEqual(range(11, 29, 50));
    const change = schedule.find((each) => each.label === 'change card')!;
    expect(change.start).toEqual(verify.end);
    expect(change.cost).toBe(100);
    expect(schedule.map((each) => each.label)).toEqual(['passport', 'sim', 'verify', 'change card']);
  });

  it('ignores waits for steps that are not part of the way, and has nothing to place when there is no way', () => {
    const schedule = scheduleRecovery(estimate([step('verify', 'process', range(1, 2, 3), ['elsewhere'])]));
    expect(schedule[0]!.start).toEqual(range(0, 0, 0));
    expect(scheduleRecovery(estimate([step('x', 'restore', range(1, 1, 1))], false))).toEqual([]);
  });
});
