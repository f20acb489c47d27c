/**
 * Dates in plans: business days across weekends and DST changes (US Pacific), wall-clock times across time
 * zones (a 24 h delay that starts late on 06-30 in Japan ends on 07-01 US time), and the deadline "unless paid
 * by 06/30" read as the end of that day US Pacific.
 */

import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addHours,
  atDayTime,
  awsDeadline,
  AWS_TIME_ZONE,
  dayIn,
  endOfDay,
  formatInstant,
  holidaysBetween,
  offsetMinutes,
  weekdayOf,
  zonedInstant,
} from '../../src/plan/time.js';

const pacific = (day: string, hour: number, minute = 0): Date => atDayTime(day, AWS_TIME_ZONE, hour, minute);
const inPacific = (instant: Date): string => formatInstant(instant, AWS_TIME_ZONE);

describe('business days (US Pacific)', () => {
  it.each([
    // start (Pacific wall clock), business days, expected end (Pacific wall clock)
    ['Mon → Thu', '2022-06-27', 10, 3, 'Thu 2022-06-30 10:00'],
    ['Thu → Tue over a weekend', '2022-06-23', 15, 3, 'Tue 2022-06-28 15:00'],
    ['Fri → Mon', '2022-06-24', 16, 1, 'Mon 2022-06-27 16:00'],
    ['Fri → next Fri', '2022-06-24', 9, 5, 'Fri 2022-07-01 09:00'],
    ['Mon + 5 lands on July 4 with no holiday calendar', '2022-06-27', 12, 5, 'Mon 2022-07-04 12:00'],
    ['Sat: moved to Monday 09:00 first', '2022-06-25', 12, 1, 'Tue 2022-06-28 09:00'],
    ['Sun late: moved to Monday 09:00 first', '2022-06-26', 23, 3, 'Thu 2022-06-30 09:00'],
    ['zero days on a weekend: Monday 09:00', '2022-06-25', 8, 0, 'Mon 2022-06-27 09:00'],
    ['zero days on a weekday: unchanged', '2022-06-29', 8, 0, 'Wed 2022-06-29 08:00'],
    ['across New Year', '2021-12-30', 11, 2, 'Mon 2022-01-03 11:00'],
  ])('%s', (_name, day, hour, days, expected) => {
    expect(inPacific(addBusinessDays(pacific(day, hour), days))).toBe(expected);
  });

  it.each([
    ['Mon + 5 skips July 4', '2022-06-27', 12, 5, 'Tue 2022-07-05 12:00'],
    ['Wed before Thanksgiving + 1: Friday', '2026-11-25', 10, 1, 'Fri 2026-11-27 10:00'],
    ['a start on Thanksgiving moves to Friday 09:00 first', '2026-11-26', 15, 1, 'Mon 2026-11-30 09:00'],
    ['Juneteenth on a Sunday is observed on Monday', '2022-06-17', 10, 1, 'Tue 2022-06-21 10:00'],
    ['July 4 on a Saturday is observed on Friday July 3', '2026-07-02', 10, 1, 'Mon 2026-07-06 10:00'],
    [
      "New Year's Day on a Saturday is observed on Friday December 31",
      '2021-12-30',
      11,
      1,
      'Mon 2022-01-03 11:00',
    ],
    ['Christmas and New Year on Fridays', '2026-12-24', 9, 5, 'Mon 2027-01-04 09:00'],
  ])('US federal holidays: %s', (_name, day, hour, days, expected) => {
    expect(inPacific(addBusinessDays(pacific(day, hour), days, AWS_TIME_ZONE, 'us-federal'))).toBe(expected);
  });

  it('lists the holidays between two instants, in the zone', () => {
    expect(
      holidaysBetween(pacific('2026-11-20', 12), pacific('2027-01-01', 0), AWS_TIME_ZONE, 'us-federal'),
    ).toEqual([
      { day: '2026-11-26', name: 'Thanksgiving Day' },
      { day: '2026-12-25', name: 'Christmas Day' },
      { day: '2027-01-01', name: "New Year's Day" },
    ]);
    expect(
      holidaysBetween(pacific('2026-11-20', 12), pacific('2027-01-01', 0), AWS_TIME_ZONE, 'none'),
    ).toEqual([]);
  });

  it('keeps the wall-clock time across the DST change: 71 h in March, 73 h in November', () => {
    const march = pacific('2022-03-11', 10);
    const afterMarch = addBusinessDays(march, 1);
    expect(inPacific(afterMarch)).toBe('Mon 2022-03-14 10:00');
    expect((afterMarch.getTime() - march.getTime()) / 3_600_000).toBe(71);
    const november = pacific('2022-11-04', 10);
    const afterNovember = addBusinessDays(november, 1);
    expect(inPacific(afterNovember)).toBe('Mon 2022-11-07 10:00');
    expect((afterNovember.getTime() - november.getTime()) / 3_600_000).toBe(73);
  });

  it('counts in the zone AWS works in, not the owner’s: Monday afternoon in Tokyo is still Sunday in California', () => {
    const tokyoMonday13 = atDayTime('2022-06-27', 'Asia/Tokyo', 13);
    expect(inPacific(tokyoMonday13)).toBe('Sun 2022-06-26 21:00');
    expect(inPacific(addBusinessDays(tokyoMonday13, 3))).toBe('Thu 2022-06-30 09:00');
    const tokyoMonday17 = atDayTime('2022-06-27', 'Asia/Tokyo', 17);
    expect(inPacific(tokyoMonday17)).toBe('Mon 2022-06-27 01:00');
    expect(inPacific(addBusinessDays(tokyoMonday17, 3))).toBe('Thu 2022-06-30 01:00');
    expect(formatInstant(addBusinessDays(tokyoMonday17, 3), 'Asia/Tokyo')).toBe('Thu 2022-06-30 17:00');
  });

  it('rejects fractions and negative counts', () => {
    expect(() => addBusinessDays(new Date(), 1.5)).toThrow();
    expect(() => addBusinessDays(new Date(), -1)).toThrow();
  });
});

describe('time zones', () => {
  it('a 24 h delay that starts late on 06-30 in Japan ends on 07-01 US time', () => {
    const start = atDayTime('2022-06-30', 'Asia/Tokyo', 23);
    expect(dayIn(start, AWS_TIME_ZONE)).toBe('2022-06-30');
    const end = addHours(start, 24);
    expect(dayIn(end, AWS_TIME_ZONE)).toBe('2022-07-01');
    expect(dayIn(end, 'Asia/Tokyo')).toBe('2022-07-01');
    expect(inPacific(end)).toBe('Fri 2022-07-01 07:00');
  });

  it('"unless paid by 06/30" ends at midnight US Pacific: 07-01 07:00 UTC, 16:00 in Tokyo', () => {
    const deadline = awsDeadline('2022-06-30');
    expect(deadline.toISOString()).toBe('2022-07-01T07:00:00.000Z');
    expect(formatInstant(deadline, 'Asia/Tokyo')).toBe('Fri 2022-07-01 16:00');
    // In winter the Pacific offset is −8.
    expect(awsDeadline('2022-12-30').toISOString()).toBe('2022-12-31T08:00:00.000Z');
    // Something at 15:00 on 07-01 in Tokyo is still before it; 17:00 is after.
    expect(atDayTime('2022-07-01', 'Asia/Tokyo', 15) < deadline).toBe(true);
    expect(atDayTime('2022-07-01', 'Asia/Tokyo', 17) > deadline).toBe(true);
  });

  it.each([
    ['Asia/Tokyo', '2022-06-27T00:00:00Z', 540],
    ['America/Los_Angeles', '2022-06-27T00:00:00Z', -420],
    ['America/Los_Angeles', '2022-01-10T00:00:00Z', -480],
    ['Asia/Kolkata', '2022-06-27T00:00:00Z', 330],
    ['Europe/Paris', '2022-03-27T00:59:59Z', 60],
    ['Europe/Paris', '2022-03-27T01:00:00Z', 120],
    ['UTC', '2022-06-27T12:34:56.789Z', 0],
  ])('offset of %s at %s is %i min', (zone, iso, minutes) => {
    expect(offsetMinutes(new Date(iso), zone)).toBe(minutes);
  });

  it('wall-clock times in a DST gap move forward; repeated ones take the first', () => {
    // 02:30 does not exist on 2022-03-13 in California: 03:30 PDT.
    expect(zonedInstant(AWS_TIME_ZONE, 2022, 3, 13, 2, 30).toISOString()).toBe('2022-03-13T10:30:00.000Z');
    // 01:30 happens twice on 2022-11-06: the first is PDT.
    expect(zonedInstant(AWS_TIME_ZONE, 2022, 11, 6, 1, 30).toISOString()).toBe('2022-11-06T08:30:00.000Z');
  });

  it('the end of a day is the next midnight in that zone; days and weekdays are calendar facts', () => {
    expect(endOfDay('2022-06-30', 'Asia/Tokyo').toISOString()).toBe('2022-06-30T15:00:00.000Z');
    expect(dayIn(new Date('2022-06-30T15:00:00Z'), 'Asia/Tokyo')).toBe('2022-07-01');
    expect(dayIn(new Date('2022-06-30T15:00:00Z'), AWS_TIME_ZONE)).toBe('2022-06-30');
    expect(weekdayOf('2022-06-27')).toBe(1);
    expect(weekdayOf('2022-07-03')).toBe(0);
  });
});
