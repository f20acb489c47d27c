/** `lockout calendar [inventory] [-o file.ics]`: what is coming (expiries, renewals, drills) as an ICS calendar. */

import { buildCalendar, calendarItems, DEFAULT_DRILL_MONTHS } from '../plan/calendar.js';
import { UserError } from './errors.js';
import { readInventoryInput, type InventoryOptions } from './inventory-input.js';
import { writeOutputFile } from './options.js';

export interface CalendarCommandOptions extends InventoryOptions {
  /** Write the ICS here instead of standard output. */
  output?: string;
  /** Months between drills (default 6). */
  drillMonths?: number;
}

/** Returns the ICS text to print, or a one-line confirmation when written to a file. */
export async function runCalendar(
  file: string | undefined,
  options: CalendarCommandOptions,
): Promise<string> {
  const drillMonths = options.drillMonths ?? DEFAULT_DRILL_MONTHS;
  if (!Number.isInteger(drillMonths) || drillMonths < 1 || drillMonths > 60) {
    throw new UserError(`--drill-months ${drillMonths}: expected a whole number of months from 1 to 60`);
  }
  const input = await readInventoryInput(file, options);
  const calendarOptions = { asOf: input.asOf, drillMonths };
  // Found once: finding them builds the recovery graph (about a second at 10,000 accounts).
  const items = calendarItems(input.inventory, calendarOptions);
  const ics = buildCalendar(input.inventory, calendarOptions, items);
  if (options.output) {
    await writeOutputFile(options.output, ics, '--output', [input.read]);
    const count = items.length;
    return `wrote ${count} event${count === 1 ? '' : 's'} to ${options.output}\n`;
  }
  return ics;
}
