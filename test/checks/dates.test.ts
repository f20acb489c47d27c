import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayNumber,
  daysBetween,
  lastDayOfMonth,
  laterDay,
  staleVerification,
} from '../../src/checks/dates.js';

describe('dates', () => {
  it.each([
    ['2024-02', '2024-02-29'],
    ['2023-02', '2023-02-28'],
    ['1900-02', '1900-02-28'],
    ['2000-02', '2000-02-29'],
    ['2024-11', '2024-11-30'],
    ['2024-12', '2024-12-31'],
  ])('a card expiring %s is valid through %s', (month, day) => {
    expect(lastDayOfMonth(month)).toBe(day);
  });

  it('counts whole days, across years and leap days', () => {
    expect(daysBetween('2024-06-01', '2024-07-31')).toBe(60);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-06-01', '2024-06-01')).toBe(366);
    expect(daysBetween('2024-06-01', '2024-05-31')).toBe(-1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('refuses what is not a real day or month', () => {
    expect(() => dayNumber('2023-02-29')).toThrow(/not a real date/);
    expect(() => dayNumber('2023-2-1')).toThrow(/not a day/);
    expect(() => lastDayOfMonth('2024-13')).toThrow(/not a month/);
  });

  it('takes the later of two days, ignoring missing ones', () => {
    expect(laterDay('2016-04-02', '2022-06-09')).toBe('2022-06-09');
    expect(laterDay(undefined, '2016-04-02')).toBe('2016-04-02');
    expect(laterDay(undefined, undefined)).toBeUndefined();
  });

  it('says when a verification is too old: more than 365 days', () => {
    expect(staleVerification('2023-06-02', '2024-06-01')).toBeUndefined();
    expect(staleVerification('2023-06-01', '2024-06-01')).toBe(
      'was last verified on 2023-06-01, 366 days before 2024-06-01',
    );
    expect(staleVerification(undefined, '2024-06-01')).toBe('has never been verified');
  });
});
