/**
 * Days as users give them: the one check behind every date option and API field (a real date, in range), and
 * wall-clock arithmetic that keeps years 0 to 99 as written instead of reading them as 1900 to 1999.
 */

import { describe, expect, it } from 'vitest';
import {
  atDayTime,
  dayIn,
  dayProblem,
  FIRST_DAY,
  formatInstant,
  LAST_DAY,
  nextDay,
  weekdayOf,
} from '../../src/plan/time.js';

describe('dayProblem', () => {
  it.each(['1970-01-01', '2022-06-30', '2024-02-29', '2999-12-31'])('accepts %s', (day) => {
    expect(dayProblem(day)).toBeUndefined();
  });

  it.each([
    ['2022-02-30', 'expected a date as YYYY-MM-DD: this day does not exist'],
    ['2023-02-29', 'expected a date as YYYY-MM-DD: this day does not exist'],
    ['2022-13-01', 'expected a date as YYYY-MM-DD: this day does not exist'],
    ['2022-00-10', 'expected a date as YYYY-MM-DD: this day does not exist'],
    ['2022-04-31', 'expected a date as YYYY-MM-DD: this day does not exist'],
    ['2022-06-00', 'expected a date as YYYY-MM-DD: this day does not exist'],
    ['9999-12-31', `out of range: expected a day from ${FIRST_DAY} to ${LAST_DAY}`],
    ['0099-06-17', `out of range: expected a day from ${FIRST_DAY} to ${LAST_DAY}`],
    ['1969-12-31', `out of range: expected a day from ${FIRST_DAY} to ${LAST_DAY}`],
    ['3000-01-01', `out of range: expected a day from ${FIRST_DAY} to ${LAST_DAY}`],
    ['10000-01-01', 'expected a date as YYYY-MM-DD'],
    ['2022-6-30', 'expected a date as YYYY-MM-DD'],
    ['2022-06-30T09:00', 'expected a date as YYYY-MM-DD'],
    [' 2022-06-30', 'expected a date as YYYY-MM-DD'],
    ['', 'expected a date as YYYY-MM-DD'],
  ])('refuses %j: %s', (day, problem) => {
    expect(dayProblem(day)).toBe(problem);
  });
});

describe('years 0 to 99 stay as written', () => {
  it('atDayTime and dayIn', () => {
    const instant = atDayTime('0099-06-17', 'UTC', 9);
    expect(instant.toISOString()).toBe('0099-06-17T09:00:00.000Z');
    expect(dayIn(instant, 'UTC')).toBe('0099-06-17');
    expect(formatInstant(instant, 'UTC')).toBe('Wed 0099-06-17 09:00');
  });

  it('in a zone with an offset', () => {
    // A fixed offset: named zones keep their local mean time (Tokyo +9:18:59) before 1900.
    const instant = atDayTime('0099-06-17', 'Etc/GMT-9', 9);
    expect(instant.toISOString()).toBe('0099-06-17T00:00:00.000Z');
    expect(dayIn(instant, 'Etc/GMT-9')).toBe('0099-06-17');
    expect(formatInstant(instant, 'Etc/GMT-9')).toBe('Wed 0099-06-17 09:00');
  });

  it('nextDay and weekdayOf', () => {
    expect(nextDay('0099-12-31')).toBe('0100-01-01');
    expect(nextDay('0050-02-28')).toBe('0050-03-01');
    // 0099-06-17 (proleptic Gregorian) was a Wednesday; 1999-06-17 a Thursday.
    expect(weekdayOf('0099-06-17')).toBe(3);
    expect(weekdayOf('1999-06-17')).toBe(4);
  });
});
