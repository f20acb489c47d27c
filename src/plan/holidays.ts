/**
 * US federal holidays (5 U.S.C. 6103), the days AWS's US review is not counted on. AWS does not publish its
 * reviewers' calendar; not counting these days is the cautious reading when a deadline is at stake (a plan
 * that turns out a day early costs nothing, one that turns out a day late costs the account). A holiday on a
 * Saturday is observed the Friday before, one on a Sunday the Monday after, as federal offices do.
 */

import type { Day } from '../model/inventory.js';

/** The holidays a business-day count skips, by name; none: only weekends are skipped. */
export type HolidayCalendar = 'us-federal' | 'none';

/** A day a business-day count skipped, with why. */
export interface Holiday {
  day: Day;
  name: string;
}

const observedByYear = new Map<number, Map<Day, string>>();

/** The holiday observed on a day, by its name, or undefined on an ordinary day. */
export function holidayOn(day: Day, calendar: HolidayCalendar): string | undefined {
  if (calendar === 'none') return undefined;
  const year = Number(day.slice(0, 4));
  // New Year's Day on a Saturday is observed on December 31 of the year before.
  return observedHolidays(year).get(day) ?? observedHolidays(year + 1).get(day);
}

function observedHolidays(year: number): Map<Day, string> {
  let known = observedByYear.get(year);
  if (!known) {
    known = new Map();
    for (const [month, day, name] of datedHolidays(year)) known.set(observed(year, month, day), name);
    observedByYear.set(year, known);
  }
  return known;
}

/** [month (1-12), day, name] of each holiday in a year, before moving weekend dates. */
function datedHolidays(year: number): [number, number, string][] {
  const holidays: [number, number, string][] = [
    [1, 1, "New Year's Day"],
    [1, nthWeekday(year, 1, MONDAY, 3), 'Birthday of Martin Luther King, Jr.'],
    [2, nthWeekday(year, 2, MONDAY, 3), "Washington's Birthday"],
    [5, lastWeekday(year, 5, MONDAY), 'Memorial Day'],
    [7, 4, 'Independence Day'],
    [9, nthWeekday(year, 9, MONDAY, 1), 'Labor Day'],
    [10, nthWeekday(year, 10, MONDAY, 2), 'Columbus Day'],
    [11, 11, 'Veterans Day'],
    [11, nthWeekday(year, 11, THURSDAY, 4), 'Thanksgiving Day'],
    [12, 25, 'Christmas Day'],
  ];
  // A federal holiday since 2021 (Public Law 117-17).
  if (year >= 2021) holidays.push([6, 19, 'Juneteenth National Independence Day']);
  return holidays;
}

const MONDAY = 1;
const THURSDAY = 4;

function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The day of the month of the nth given weekday (1: the first). */
function nthWeekday(year: number, month: number, wanted: number, nth: number): number {
  const first = weekday(year, month, 1);
  return 1 + ((wanted - first + 7) % 7) + 7 * (nth - 1);
}

function lastWeekday(year: number, month: number, wanted: number): number {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = weekday(year, month, days);
  return days - ((last - wanted + 7) % 7);
}

/** The day a dated holiday is observed on: Saturday's the Friday before, Sunday's the Monday after. */
function observed(year: number, month: number, day: number): Day {
  const shift = { 6: -1, 0: 1 }[weekday(year, month, day)] ?? 0;
  return new Date(Date.UTC(year, month - 1, day + shift)).toISOString().slice(0, 10);
}
