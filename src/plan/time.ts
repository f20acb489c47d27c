/**
 * Time for plans: instants are plain `Date`s (UTC milliseconds); wall-clock times in a named time zone are
 * converted through explicit offsets that Intl computes for that zone at that instant (DST included), so the
 * answer never depends on the machine's zone. AWS acts on US time: reviews are counted in business days of
 * US Pacific, and a deadline "unless paid by 06/30" is the end of that day there.
 */

import type { Day } from '../model/inventory.js';
import { holidayOn, type Holiday, type HolidayCalendar } from './holidays.js';

/** The zone AWS Support and billing deadlines are read in. */
export const AWS_TIME_ZONE = 'America/Los_Angeles';

/** When work starts on a business day, for a case that arrives on a weekend (wall clock, hours). */
export const BUSINESS_DAY_START_HOUR = 9;

const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** A wall-clock time in some zone. `weekday` is 0 (Sunday) to 6 (Saturday). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let known = formatters.get(timeZone);
  if (!known) {
    known = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, known);
  }
  return known;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Whether Intl knows the zone (an IANA name such as `Asia/Tokyo`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The machine's own zone, the default for display. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The wall-clock time an instant shows in a zone. */
export function wallTime(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays.indexOf(parts.weekday ?? ''),
  };
}

/** The zone's offset from UTC at an instant, in minutes (Tokyo +540, US Pacific −420 in summer). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const wall = wallTime(instant, timeZone);
  const asUtc = utcTime(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second);
  const whole = instant.getTime() - (((instant.getTime() % 1000) + 1000) % 1000);
  return Math.round((asUtc - whole) / MS_PER_MINUTE);
}

/**
 * The instant a wall-clock time names in a zone. A time skipped by a DST change moves forward by the gap; a
 * repeated one is the first of the two.
 */
export function zonedInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  const asUtc = utcTime(year, month, day, hour, minute);
  const first = offsetMinutes(new Date(asUtc), timeZone);
  let instant = asUtc - first * MS_PER_MINUTE;
  const second = offsetMinutes(new Date(instant), timeZone);
  if (second !== first) {
    const other = asUtc - second * MS_PER_MINUTE;
    // Of the two readings, keep one that shows the asked wall time; in a gap neither does: take the later.
    const shows = (candidate: number): boolean => {
      const wall = wallTime(new Date(candidate), timeZone);
      return wall.hour === hour && wall.minute === minute && wall.day === day;
    };
    if (shows(other) && (!shows(instant) || other < instant)) instant = other;
    else if (!shows(instant)) instant = Math.max(instant, other);
  }
  return new Date(instant);
}

/**
 * The days a date given by the user may fall on. Before 1970 no cloud account existed; the end leaves plans,
 * calendars and drills centuries of room before the four-digit years of `YYYY-MM-DD` (and of ICS dates) run out.
 */
export const FIRST_DAY: Day = '1970-01-01';
export const LAST_DAY: Day = '2999-12-31';

/**
 * Why `value` is not a day a user may give (`YYYY-MM-DD`, a real date, from FIRST_DAY to LAST_DAY), or undefined
 * when it is one: the one check behind every date option of the command line and every date of the dashboard.
 */
export function dayProblem(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return 'expected a date as YYYY-MM-DD';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(utcTime(year, month, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return 'expected a date as YYYY-MM-DD: this day does not exist';
  if (value < FIRST_DAY || value > LAST_DAY)
    return `out of range: expected a day from ${FIRST_DAY} to ${LAST_DAY}`;
  return undefined;
}

/**
 * Milliseconds since the epoch of a UTC wall time, for any four-digit year: `Date.UTC` reads years 0 to 99 as
 * 1900 to 1999, so 0099-06-17 would come out as 1999.
 */
function utcTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.setUTCHours(hour, minute, second, 0);
}

/** Parses `YYYY-MM-DD`. */
export function parseDayParts(day: Day): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a day (YYYY-MM-DD): ${day}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** The instant of a day's wall-clock time in a zone. */
export function atDayTime(day: Day, timeZone: string, hour = 0, minute = 0): Date {
  const parts = parseDayParts(day);
  return zonedInstant(timeZone, parts.year, parts.month, parts.day, hour, minute);
}

/** The calendar day an instant falls on in a zone. */
export function dayIn(instant: Date, timeZone: string): Day {
  const wall = wallTime(instant, timeZone);
  return dayOfWall(wall);
}

/** The day after (or `n` days after) a day. */
export function nextDay(day: Day, n = 1): Day {
  const parts = parseDayParts(day);
  return new Date(utcTime(parts.year, parts.month, parts.day) + n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The end of a day in a zone: midnight at the start of the next day there. */
export function endOfDay(day: Day, timeZone: string): Date {
  return atDayTime(nextDay(day), timeZone);
}

/** A billing deadline "unless paid by DAY": the end of that day, US Pacific. */
export function awsDeadline(day: Day): Date {
  return endOfDay(day, AWS_TIME_ZONE);
}

export function addHours(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + Math.round(hours * MS_PER_HOUR));
}

/** Hours from `from` to `to` (negative when `to` is earlier). */
export function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / MS_PER_HOUR;
}

const isWeekend = (weekday: number): boolean => weekday === 0 || weekday === 6;

const isBusinessDay = (day: Day, holidays: HolidayCalendar): boolean =>
  !isWeekend(weekdayOf(day)) && holidayOn(day, holidays) === undefined;

/**
 * `n` business days (Monday to Friday in `timeZone`, without the calendar's holidays) after `start`, at the same
 * wall-clock time there. A start on a weekend or a holiday first moves to the next business day at the start of
 * business (09:00).
 */
export function addBusinessDays(
  start: Date,
  n: number,
  timeZone: string = AWS_TIME_ZONE,
  holidays: HolidayCalendar = 'none',
): Date {
  if (!Number.isInteger(n) || n < 0) throw new Error(`business days must be a whole number ≥ 0, got ${n}`);
  const wall = wallTime(start, timeZone);
  let day = dayOfWall(wall);
  let hour = wall.hour;
  let minute = wall.minute;
  if (!isBusinessDay(day, holidays)) {
    while (!isBusinessDay(day, holidays)) day = nextDay(day);
    hour = BUSINESS_DAY_START_HOUR;
    minute = 0;
  }
  for (let left = n; left > 0;) {
    day = nextDay(day);
    if (isBusinessDay(day, holidays)) left--;
  }
  return atDayTime(day, timeZone, hour, minute);
}

/** The calendar's holidays from the day `start` falls on to the day `end` falls on, in a zone. */
export function holidaysBetween(
  start: Date,
  end: Date,
  timeZone: string,
  holidays: HolidayCalendar,
): Holiday[] {
  const found: Holiday[] = [];
  const last = dayIn(end, timeZone);
  for (let day = dayIn(start, timeZone); day <= last; day = nextDay(day)) {
    const name = holidayOn(day, holidays);
    if (name !== undefined) found.push({ day, name });
  }
  return found;
}

/** 0 (Sunday) to 6 (Saturday) of a calendar day, whatever the zone. */
export function weekdayOf(day: Day): number {
  const parts = parseDayParts(day);
  return new Date(utcTime(parts.year, parts.month, parts.day)).getUTCDay();
}

/** `Mon 2022-06-27 14:00` in a zone. */
export function formatInstant(instant: Date, timeZone: string): string {
  const wall = wallTime(instant, timeZone);
  return `${weekdays[wall.weekday]!} ${dayOfWall(wall)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** `06-27 14:00` in a zone: for columns where the year is obvious. */
export function formatShort(instant: Date, timeZone: string): string {
  const wall = wallTime(instant, timeZone);
  return `${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** The zone's short name at an instant where Intl has one (`PDT`), else its offset (`UTC+9`). */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  if (name && !name.startsWith('GMT')) return name;
  const offset = offsetMinutes(instant, timeZone);
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
}

/** `YYYY-MM-DD` of a wall time, the year with its four digits. */
function dayOfWall(wall: WallTime): Day {
  return `${String(wall.year).padStart(4, '0')}-${pad(wall.month)}-${pad(wall.day)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
