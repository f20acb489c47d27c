/**
 * A span of calendar time as `lockout watch` takes it (`--stale-after 6m`, `--remind-every 7d`): days, weeks,
 * months or years. Months are calendar months, so "6m" before 2026-08-31 is 2026-02-28, not 180 days.
 * Kept free of heavy imports: the CLI parses options with it before any command module is loaded.
 */
import { addDays, dayFromNumber, dayNumber } from '../checks/dates.js';
import type { Day } from '../model/inventory.js';

export type PeriodUnit = 'd' | 'w' | 'm' | 'y';

export interface Period {
  count: number;
  unit: PeriodUnit;
}

const unitWords: Record<PeriodUnit, string> = { d: 'day', w: 'week', m: 'month', y: 'year' };

/** "6m", "180d", "2w", "1y"; a bare number is days. Undefined for anything else. */
export function parsePeriod(text: string): Period | undefined {
  const match = /^(\d{1,4})\s*([dwmy]?)$/i.exec(text.trim());
  if (!match) return undefined;
  const count = Number(match[1]);
  if (count < 1) return undefined;
  return { count, unit: (match[2]?.toLowerCase() || 'd') as PeriodUnit };
}

/** "6 months", "1 week". */
export function periodText(period: Period): string {
  return `${period.count} ${unitWords[period.unit]}${period.count === 1 ? '' : 's'}`;
}

/** The day `period` before `day`; a month that has no such date ends at its last day (08-31 → 02-28). */
export function periodBefore(day: Day, period: Period): Day {
  switch (period.unit) {
    case 'd':
      return addDays(day, -period.count);
    case 'w':
      return addDays(day, -7 * period.count);
    case 'm':
    case 'y': {
      const months = period.unit === 'm' ? period.count : 12 * period.count;
      const date = new Date(dayNumber(day) * 86_400_000);
      const year = date.getUTCFullYear();
      const month = date.getUTCMonth() - months;
      const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      const time = Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay));
      return dayFromNumber(time / 86_400_000);
    }
  }
}

/** Whether `since` lies `period` or more before `day`. */
export function periodPassed(since: Day, day: Day, period: Period): boolean {
  return since <= periodBefore(day, period);
}
