/**
 * `lockout plan`: for something that has happened (a card failed, a device or number lost, notices received,
 * a notary already booked), the fastest recovery as dated steps with the critical path and the slack to the
 * deadline; when it cannot beat the deadline, or there is no way back, the escalation first.
 */

import { buildIncidentPlan, PlanError, type IncidentPlan, type Notice } from '../plan/plan.js';
import { renderPlanText } from '../plan/render.js';
import { DEFAULT_APPOINTMENT_HOUR } from '../plan/steps.js';
import { atDayTime, isTimeZone, machineTimeZone } from '../plan/time.js';
import { EXIT_FINDINGS, EXIT_OK, UserError } from './errors.js';
import { readInventoryInput, type InventoryOptions } from './inventory-input.js';
import { parseDay, parseLocalTime } from './options.js';
import { safeJson } from '../report/safe-text.js';

export interface PlanCommandOptions extends InventoryOptions {
  /** The account in trouble (id or name); default: the only one, or the one whose card failed. */
  account?: string;
  /** `--card-failed DATE`: the default card's charge failed that day. */
  cardFailed?: string;
  /** `--lost ID[,ID…]`: factors lost (a device, a number). */
  lost?: string[];
  /** `--notice past-due:DATE`, `--notice suspension:DATE` (repeatable). */
  notice?: string[];
  /** `--deadline DATE`: "unless paid by", read as the end of that day US Pacific. */
  deadline?: string;
  /** `--now DATE[THH:MM]` in the owner's zone (a day alone is 09:00); default: now. */
  now?: string;
  /** `--booked notary:DATE[THH:MM]` (a day alone is 14:00). */
  booked?: string[];
  /** `--tz ZONE`: the owner's time zone (IANA); default the machine's. */
  tz?: string;
  format?: 'text' | 'json';
}

/** Exit code 1 when the plan ends after the deadline or there is no way back; 0 otherwise. */
export async function runPlan(
  file: string | undefined,
  options: PlanCommandOptions,
): Promise<{ output: string; exitCode: number; plan: IncidentPlan }> {
  const timeZone = options.tz ?? machineTimeZone();
  if (!isTimeZone(timeZone)) {
    throw new UserError(
      `--tz ${timeZone}: not a time zone`,
      'use an IANA name such as Asia/Tokyo or Europe/Paris',
    );
  }
  const input = await readInventoryInput(file, { example: options.example });
  const now = options.now
    ? parseLocalTime(options.now, '--now', timeZone, 9)
    : options.asOf
      ? atDayTime(options.asOf, timeZone, 9)
      : new Date();
  const notices = (options.notice ?? []).map(parseNotice);
  let notary: Date | undefined;
  for (const value of options.booked ?? []) {
    const match = /^([a-z-]+):(.+)$/.exec(value);
    if (match?.[1] !== 'notary') {
      throw new UserError(
        `--booked ${value}: expected notary:DATE or notary:DATETHH:MM`,
        'only a notary appointment can be booked for now',
      );
    }
    notary = parseLocalTime(match[2]!, '--booked notary:', timeZone, DEFAULT_APPOINTMENT_HOUR);
  }
  let plan: IncidentPlan;
  try {
    plan = buildIncidentPlan({
      inventory: input.inventory,
      accountId: options.account,
      now,
      timeZone,
      cardFailed:
        options.cardFailed === undefined ? undefined : parseDay(options.cardFailed, '--card-failed'),
      lost: options.lost ?? [],
      notices,
      deadline: options.deadline === undefined ? undefined : parseDay(options.deadline, '--deadline'),
      booked: { notary },
    });
  } catch (error) {
    if (error instanceof PlanError) {
      const hint =
        error.choose === 'account' ? `name it with --account ID or NAME: ${error.hint ?? ''}` : error.hint;
      throw new UserError(error.message, hint);
    }
    throw error;
  }
  const output =
    options.format === 'json' ? safeJson(JSON.stringify(plan, null, 2)) + '\n' : renderPlanText(plan);
  // Exit 1 also when no way back can be counted for an unknown: the owner has something to do now either way.
  const failing =
    plan.verdict === 'late' || plan.verdict === 'no-way-back' || plan.verdict === 'unknown-way-back';
  return { output, exitCode: failing ? EXIT_FINDINGS : EXIT_OK, plan };
}

/** `past-due:DATE` or `suspension:DATE`. */
export function parseNotice(value: string): Notice {
  const match = /^(past-due|suspension):(.+)$/.exec(value);
  if (!match) {
    throw new UserError(`--notice ${value}: expected past-due:DATE or suspension:DATE`);
  }
  return { kind: match[1] as Notice['kind'], day: parseDay(match[2]!, `--notice ${match[1]!}:`) };
}
