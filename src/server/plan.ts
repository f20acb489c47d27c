/**
 * The dashboard's Plan page on the server: the form's defaults for the loaded inventory, and a request body
 * turned into a `PlanRequest` the way `lockout plan` turns its options into one (the same day and time
 * parsing), answered by the plan library itself. Mistakes in the body become `PlanInputError` (a 400).
 */

import { z } from 'zod';
import { parseDay, parseLocalTime } from '../cli/options.js';
import { UserError } from '../cli/errors.js';
import { listFactors, type Day, type Inventory } from '../model/inventory.js';
import { buildIncidentPlan, PlanError, type IncidentPlan, type Notice } from '../plan/plan.js';
import { DEFAULT_APPOINTMENT_HOUR } from '../plan/steps.js';
import { isTimeZone, machineTimeZone } from '../plan/time.js';

/** A mistake in the plan request: the message says which field and why. */
export class PlanInputError extends Error {
  override readonly name = 'PlanInputError';
}

const text = z.string().max(200);
export const planBody = z.strictObject({
  account: text.nullish(),
  cardFailed: text.nullish(),
  lost: z.array(text).max(1_000).default([]),
  notices: z
    .array(z.strictObject({ kind: z.enum(['past-due', 'suspension']), date: text }))
    .max(20)
    .default([]),
  deadline: text.nullish(),
  now: text.nullish(),
  booked: z
    .array(z.strictObject({ kind: z.literal('notary'), date: text }))
    .max(1)
    .default([]),
  tz: text.nullish(),
});

export type PlanBody = z.input<typeof planBody>;

/** What the form starts with. Days are `YYYY-MM-DD`; `now` and the notary may carry `THH:MM`. */
export interface PlanDefaults {
  account?: string | undefined;
  cardFailed?: Day | undefined;
  notices: { kind: Notice['kind']; date: Day }[];
  deadline?: Day | undefined;
  now: string;
  booked: { kind: 'notary'; date: string }[];
  tz: string;
  /** Where the defaults come from, in words. */
  basis: string;
}

export interface PlanContext {
  inventory: Inventory;
  inventoryFile: string;
  asOf: Day;
  deadline?: Day | undefined;
}

/** The incident the bundled example is built around, as it happened. */
const INCIDENT_REPLAY: Omit<PlanDefaults, 'basis'> = {
  notices: [
    { kind: 'past-due', date: '2022-06-09' },
    { kind: 'suspension', date: '2022-06-17' },
  ],
  deadline: '2022-06-30',
  now: '2022-06-17',
  booked: [{ kind: 'notary', date: '2022-06-27' }],
  tz: 'Asia/Tokyo',
};

/** A zone for the country cards and photo IDs are issued in, when the machine's zone is not a better guess. */
const countryZones: Record<string, string> = {
  JP: 'Asia/Tokyo',
  US: 'America/Los_Angeles',
  GB: 'Europe/London',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  AU: 'Australia/Sydney',
  CA: 'America/Toronto',
  IN: 'Asia/Kolkata',
};

export function planDefaults(context: PlanContext): PlanDefaults {
  if (context.inventoryFile === 'examples/incident-2022.yaml') {
    return {
      ...INCIDENT_REPLAY,
      basis:
        'the incident of 2022 as it happened: "past due" on 06-09, the suspension warning on 06-17 ' +
        '("unless paid by 06/30"), the notary booked for 06-27',
    };
  }
  const countries = new Set(
    listFactors(context.inventory)
      .map((factor) => ('country' in factor ? factor.country : undefined))
      .filter((country): country is string => typeof country === 'string'),
  );
  const [country] = [...countries];
  const tz =
    countries.size === 1 && country && countryZones[country] ? countryZones[country] : machineTimeZone();
  return {
    notices: [{ kind: 'past-due', date: context.asOf }],
    deadline: context.deadline,
    now: context.asOf,
    booked: [],
    tz,
    basis: `a "past due" notice on the inventory's day (${context.asOf})${context.deadline ? `, the dashboard's deadline` : ''}; change them to what happened`,
  };
}

/** The plan for a request body: the inventory's, with the body's facts, through the plan library. */
export function planFor(inventory: Inventory, body: unknown): IncidentPlan {
  const parsed = planBody.safeParse(body);
  if (!parsed.success) {
    throw new PlanInputError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
    );
  }
  const input = parsed.data;
  try {
    const timeZone = input.tz || machineTimeZone();
    if (!isTimeZone(timeZone)) {
      throw new UserError(`tz ${timeZone}: not a time zone (use an IANA name such as Asia/Tokyo)`);
    }
    const day = (value: string | null | undefined, field: string): Day | undefined =>
      value ? parseDay(value, field) : undefined;
    const notices = input.notices.map((notice, index): Notice => ({
      kind: notice.kind,
      day: parseDay(notice.date, `notices.${index}.date`),
    }));
    const notary = input.booked[0]
      ? parseLocalTime(input.booked[0].date, 'booked.0.date', timeZone, DEFAULT_APPOINTMENT_HOUR)
      : undefined;
    return buildIncidentPlan({
      inventory,
      accountId: input.account || undefined,
      now: input.now ? parseLocalTime(input.now, 'now', timeZone, 9) : new Date(),
      timeZone,
      cardFailed: day(input.cardFailed, 'cardFailed'),
      lost: input.lost,
      notices,
      deadline: day(input.deadline, 'deadline'),
      booked: { notary },
    });
  } catch (error) {
    if (error instanceof UserError || error instanceof PlanError) {
      const hint = error.hint ? ` (${error.hint})` : '';
      throw new PlanInputError(`${error.message}${hint}`);
    }
    throw error;
  }
}
