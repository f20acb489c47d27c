/**
 * Lays a plan's steps out in time: each step starts when every step it waits for has ended (never before
 * "now"), and lasts what its timing says — hours, business days of the zone AWS works in, an appointment
 * after a booking lead time, or a booked appointment at a fixed time. Three scenarios (best, typical, worst)
 * take the minimum, typical and maximum of every range; the critical path is read on the typical one.
 */

import type { DurationRange } from '../analysis/graph.js';
import type { HolidayCalendar } from './holidays.js';
import { addBusinessDays, addHours, atDayTime, dayIn, nextDay } from './time.js';

export const scenarios = ['best', 'typical', 'worst'] as const;
export type Scenario = (typeof scenarios)[number];

const rangeKey = { best: 'min', typical: 'typical', worst: 'max' } as const;

export function pick(range: DurationRange, scenario: Scenario): number {
  return range[rangeKey[scenario]];
}

export type StepTiming =
  /** Hours of work or waiting. */
  | { kind: 'hours'; hours: DurationRange }
  /** Business days (Monday to Friday in the zone, without the calendar's holidays) at the same wall-clock time. */
  | { kind: 'business-days'; days: DurationRange; timeZone: string; holidays: HolidayCalendar }
  /**
   * An appointment `leadDays` after the booking (the end of step `bookedBy`, or when the step is ready), at
   * `hour` o'clock in the zone, lasting `hours`; never before the step is ready.
   */
  | {
      kind: 'appointment';
      leadDays: DurationRange;
      hour: number;
      timeZone: string;
      hours: DurationRange;
      bookedBy?: string | undefined;
    }
  /** An appointment already booked: it starts at `at` in every scenario. */
  | { kind: 'fixed'; at: Date; hours: DurationRange };

export interface Schedulable {
  id: string;
  /** Ids of the steps that must end before this one starts. */
  after: string[];
  timing: StepTiming;
}

export interface Times {
  start: Date;
  end: Date;
}

export type Schedule = Map<string, Record<Scenario, Times>>;

/** Start and end of every step in every scenario; steps must be given so that each comes after what it waits for. */
export function schedule(steps: readonly Schedulable[], now: Date): Schedule {
  const result: Schedule = new Map();
  for (const step of steps) {
    const times = {} as Record<Scenario, Times>;
    for (const scenario of scenarios) {
      let ready = now;
      for (const id of step.after) {
        const before = result.get(id);
        if (!before) throw new Error(`step "${step.id}" waits for "${id}", which is not scheduled before it`);
        if (before[scenario].end > ready) ready = before[scenario].end;
      }
      const booking =
        step.timing.kind === 'appointment' && step.timing.bookedBy !== undefined
          ? result.get(step.timing.bookedBy)?.[scenario].end
          : undefined;
      times[scenario] = place(step.timing, ready, scenario, booking ?? ready);
    }
    result.set(step.id, times);
  }
  return result;
}

function place(timing: StepTiming, ready: Date, scenario: Scenario, booking: Date): Times {
  switch (timing.kind) {
    case 'hours':
      return { start: ready, end: addHours(ready, pick(timing.hours, scenario)) };
    case 'business-days':
      return {
        start: ready,
        end: addBusinessDays(
          ready,
          Math.round(pick(timing.days, scenario)),
          timing.timeZone,
          timing.holidays,
        ),
      };
    case 'appointment': {
      const day = nextDay(dayIn(booking, timing.timeZone), Math.round(pick(timing.leadDays, scenario)));
      let start = atDayTime(day, timing.timeZone, timing.hour);
      if (start < ready) start = ready;
      return { start, end: addHours(start, pick(timing.hours, scenario)) };
    }
    case 'fixed':
      return { start: timing.at, end: addHours(timing.at, pick(timing.hours, scenario)) };
  }
}

/**
 * The critical path to `goal` in the typical scenario: from the goal back through the step each one waited
 * for longest, stopping at a booked appointment that nothing before it delays.
 */
export function criticalPath(steps: readonly Schedulable[], times: Schedule, goal: string): Set<string> {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const path = new Set<string>();
  let current = byId.get(goal);
  while (current && !path.has(current.id)) {
    path.add(current.id);
    const start = times.get(current.id)!.typical.start;
    let latest: Schedulable | undefined;
    let latestEnd = -Infinity;
    for (const id of current.after) {
      const end = times.get(id)!.typical.end.getTime();
      if (end > latestEnd) {
        latestEnd = end;
        latest = byId.get(id);
      }
    }
    if (latestEnd < start.getTime()) {
      // Waiting, not working: a booked appointment starts the path; one still to book follows its booking.
      if (current.timing.kind === 'fixed') break;
      if (current.timing.kind === 'appointment' && current.timing.bookedBy !== undefined) {
        latest = byId.get(current.timing.bookedBy) ?? latest;
      }
    }
    current = latest;
  }
  return path;
}
