/** Option values the CLI parses before any command module is loaded: kept free of heavy imports. */

import type { Day } from '../model/inventory.js';
import { UserError } from './errors.js';

export const examples = {
  incident: 'incident-2022.yaml',
  'small-team': 'small-team.yaml',
} as const;
export type ExampleName = keyof typeof examples;

/** Parses a YYYY-MM-DD option value, refusing days that do not exist. */
export function parseDay(value: string, option: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UserError(`${option} ${value}: expected a date as YYYY-MM-DD`);
  }
  return value;
}
