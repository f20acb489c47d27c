/** US federal holidays as the Office of Personnel Management lists them, observed dates included. */

import { describe, expect, it } from 'vitest';
import { holidayOn } from '../../src/plan/holidays.js';
import { atDayTime, holidaysBetween } from '../../src/plan/time.js';

const year = (from: string, to: string): string[] =>
  holidaysBetween(atDayTime(from, 'UTC'), atDayTime(to, 'UTC'), 'UTC', 'us-federal').map(
    (holiday) => holiday.day,
  );

describe('US federal holidays', () => {
  it('2022 (opm.gov): Juneteenth and Christmas on Sundays move to Monday', () => {
    expect(year('2022-01-01', '2022-12-31')).toEqual([
      '2022-01-17',
      '2022-02-21',
      '2022-05-30',
      '2022-06-20',
      '2022-07-04',
      '2022-09-05',
      '2022-10-10',
      '2022-11-11',
      '2022-11-24',
      '2022-12-26',
    ]);
  });

  it("2021: New Year's Day 2022, a Saturday, is observed on Friday 2021-12-31; Juneteenth from 2021 on", () => {
    expect(year('2021-12-01', '2021-12-31')).toEqual(['2021-12-24', '2021-12-31']);
    expect(holidayOn('2021-12-31', 'us-federal')).toBe("New Year's Day");
    expect(holidayOn('2021-06-18', 'us-federal')).toBe('Juneteenth National Independence Day');
    expect(holidayOn('2020-06-19', 'us-federal')).toBeUndefined();
  });

  it('2026 (opm.gov): July 4 on a Saturday moves to Friday July 3', () => {
    expect(year('2026-01-01', '2026-12-31')).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('no calendar, no holidays', () => {
    expect(holidayOn('2026-12-25', 'none')).toBeUndefined();
  });
});
