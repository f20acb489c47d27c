/**
 * Calendar arithmetic on the inventory's `Day` ('YYYY-MM-DD') and `Month` ('YYYY-MM') strings, in whole days
 * and in UTC, so a check's answer never depends on the machine's time zone.
 */
import type { Day, Month } from '../model/inventory.js';

const msPerDay = 86_400_000;

/**
 * Day numbers already worked out: an Organization's inventory repeats the same few days (asOf, verified) in
 * tens of thousands of facts, and each parse is a regular expression and two Dates. Bounded, for a long-running
 * dashboard.
 */
const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 of a `YYYY-MM-DD` day; throws on anything else, which would be a bug upstream. */
export function dayNumber(day: Day): number {
  const known = dayNumbers.get(day);
  if (known !== undefined) return known;
  const number = parseDay(day);
  if (dayNumbers.size >= 4096) dayNumbers.clear();
  dayNumbers.set(day, number);
  return number;
}

function parseDay(day: Day): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) throw new Error(`not a day (YYYY-MM-DD): ${day}`);
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  const time = Date.UTC(year, month - 1, date);
  if (new Date(time).getUTCDate() !== date) throw new Error(`not a real date: ${day}`);
  return time / msPerDay;
}

/** `YYYY-MM-DD` of a day number. */
export function dayFromNumber(days: number): Day {
  return new Date(days * msPerDay).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: Day, to: Day): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(day: Day, days: number): Day {
  return dayFromNumber(dayNumber(day) + days);
}

/** The last day of a month: a card expiring `2024-11` is valid through `2024-11-30`. */
export function lastDayOfMonth(month: Month): Day {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (match === null) throw new Error(`not a month (YYYY-MM): ${month}`);
  const [, year, monthNumber] = match.map(Number) as [number, number, number];
  if (monthNumber < 1 || monthNumber > 12) throw new Error(`not a month (YYYY-MM): ${month}`);
  // Day 0 of the next month is the last day of this one.
  return dayFromNumber(Date.UTC(year, monthNumber, 0) / msPerDay);
}

/** The later of two days, ignoring the ones not given. */
export function laterDay(a: Day | undefined, b: Day | undefined): Day | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return dayNumber(a) >= dayNumber(b) ? a : b;
}

/** A fact checked longer ago than this may no longer hold: a phone replaced, a number given up. */
export const maxDaysSinceVerified = 365;

/**
 * Why a fact's last verification is too old to rely on ("was last verified on 2016-04-02, 2259 days before
 * 2022-06-09", "has never been verified"), or undefined when it was verified within `maxDays` of `asOf`.
 */
export function staleVerification(
  verified: Day | undefined,
  asOf: Day,
  maxDays = maxDaysSinceVerified,
): string | undefined {
  if (verified === undefined) return 'has never been verified';
  const days = daysBetween(verified, asOf);
  if (days <= maxDays) return undefined;
  return `was last verified on ${verified}, ${days} days before ${asOf}`;
}
